"""Packing: a micro-batch's examples laid end to end in one row, without padding and without attention
from one example into another.

Why: reviews vary from ~50 to 512 tokens, so a padded batch spends much of its compute on padding
(the tutorial's pad-to-512 wastes ~75% of it), and a padding mask also keeps SDPA off its flash
kernel. A packed row has no padding; each token's position id restarts at 0 at its example's
start (RoPE sees the same positions as unpacked), and the attention kernel gets the examples'
boundaries (`cu_seq_lens`, cumulative lengths), so every example attends only to itself: the loss and
gradients are those of the padded batch, up to rounding (tests/test_packing.py checks this).

On CUDA the attention is PyTorch's variable-length flash attention (`torch.nn.attention.varlen`);
on the CPU, where that kernel does not exist, the same thing is done one example at a time with SDPA.
"""
from __future__ import annotations

import inspect
from dataclasses import dataclass

import torch

from .data import IGNORE_INDEX

try:
    from torch.nn.attention.varlen import varlen_attn
    # Looked up once, not on every attention call (32 layers x every pass): torch 2.9 takes
    # `is_causal` and no scale, later releases `window_size=(-1, 0)` and `scale`.
    _VARLEN_PARAMETERS = frozenset(inspect.signature(varlen_attn).parameters)
except ImportError:  # torch without the varlen kernel: packed batches then only run on the CPU path
    varlen_attn = None
    _VARLEN_PARAMETERS = frozenset()
_VARLEN_CAUSAL = {"window_size": (-1, 0)} if "window_size" in _VARLEN_PARAMETERS else {"is_causal": True}

# The name under which the attention function is registered with transformers' AttentionInterface.
VARLEN_ATTENTION = "lora_trainer_varlen"

# Keys of a packed batch that only the loss code reads (the model never sees them).
PACKED_BOOKKEEPING = ("num_samples", "num_real_tokens", "answer_positions")


@dataclass
class PackCollator:
    """Examples -> one packed row: input_ids/labels/position_ids of shape [1, T] plus the boundaries.

    `max_length` is the longest an example can be (the spec's maxLength). It is handed to the kernel
    as the batch's maximum length instead of the true maximum: an upper bound is correct for flash
    attention (it only sizes the launch grid), and a constant one keeps torch.compile from
    recompiling for every new maximum. `pad_to_multiple_of` rounds T up with one dummy segment
    (labels -100) so matrix shapes stay aligned.

    `max_tokens` (the spec's maxBatchTokens) is a token budget per forward/backward pass: the batch's
    examples are then cut, in order, into rows of at most that many tokens, returned as `chunks`
    (the trainer runs one pass per chunk and steps once, so the step's gradient is unchanged). The
    budget bounds activation memory whatever the length mix; batchSize keeps counting examples."""

    pad_id: int
    max_length: int
    pad_to_multiple_of: int | None = None
    max_tokens: int | None = None

    def __call__(self, batch: list[dict]) -> dict:
        if self.max_tokens is None:
            return self.pack(batch)
        chunks, current, used = [], [], 0
        for b in batch:
            n = len(b["input_ids"])
            if current and used + n > self.max_tokens:
                chunks.append(current)
                current, used = [], 0
            current.append(b)
            used += n
        chunks.append(current)
        packed = [self.pack(c) for c in chunks]
        # labels over the whole batch, for the Trainer's count of answer tokens (the loss's divisor)
        return {"labels": torch.cat([c["labels"] for c in packed], dim=1), "chunks": packed}

    def pack(self, batch: list[dict]) -> dict:
        ids: list[int] = []
        labels: list[int] = []
        positions: list[int] = []
        bounds = [0]
        for b in batch:
            n = len(b["input_ids"])
            if n > self.max_length:
                raise ValueError(f"an example of {n} tokens is longer than max_length {self.max_length}")
            ids += b["input_ids"]
            labels += b["labels"]
            positions += range(n)
            bounds.append(bounds[-1] + n)
        real = len(ids)
        if self.pad_to_multiple_of:
            pad = -real % self.pad_to_multiple_of
            if self.max_tokens is not None and real + pad > self.max_tokens:
                pad = 0  # a budget-sized row needs no rounding, and must not outgrow the budget
            if pad:
                ids += [self.pad_id] * pad
                labels += [IGNORE_INDEX] * pad
                positions += range(pad)
                bounds.append(bounds[-1] + pad)
        label_t = torch.tensor(labels, dtype=torch.long)[None]
        # Positions whose next token is an answer token: the only places the LM head must run. Computed
        # here, on the CPU, so the training step needs no device-to-host sync to find them.
        answer_positions = (label_t[0, 1:] != IGNORE_INDEX).nonzero().squeeze(-1)
        cu = torch.tensor(bounds, dtype=torch.int32)
        return {
            "input_ids": torch.tensor(ids, dtype=torch.long)[None],
            "labels": label_t,
            "position_ids": torch.tensor(positions, dtype=torch.long)[None],
            "cu_seq_lens_q": cu,
            "cu_seq_lens_k": cu,
            "max_length_q": self.max_length,
            "max_length_k": self.max_length,
            "num_samples": len(batch),
            "num_real_tokens": real,
            "answer_positions": answer_positions,
        }


def varlen_attention(module, query, key, value, attention_mask, scaling=None, dropout=0.0, **kwargs):
    """transformers attention function for packed rows: query [1, H, T, D], key/value [1, Hkv, T, D]."""
    cu = kwargs.get("cu_seq_lens_q")
    if cu is None or query.shape[0] != 1:
        raise ValueError(f"{VARLEN_ATTENTION} attention needs packed batches (PackCollator): one row with cu_seq_lens_q")
    q = query[0].transpose(0, 1).contiguous()  # [T, H, D]
    k = key[0].transpose(0, 1).contiguous()
    v = value[0].transpose(0, 1).contiguous()
    if q.is_cuda:
        if varlen_attn is None:
            raise RuntimeError(f"packing on a GPU needs torch.nn.attention.varlen (torch >= 2.9); this is torch {torch.__version__}")
        if k.shape[1] != q.shape[1]:  # grouped-query attention: flash varlen wants equal head counts here
            k = k.repeat_interleave(q.shape[1] // k.shape[1], dim=1)
            v = v.repeat_interleave(q.shape[1] // v.shape[1], dim=1)
        max_len = kwargs.get("max_length_q") or int((cu[1:] - cu[:-1]).max())
        out = varlen_attn(q, k, v, cu, kwargs.get("cu_seq_lens_k", cu), max_len, kwargs.get("max_length_k") or max_len,
                          **_VARLEN_CAUSAL, **_varlen_scale(scaling, q.shape[-1]))
    else:
        # CPU: no varlen kernel; SDPA on each example's slice is the same computation.
        out = torch.empty_like(q)
        bounds = cu.tolist()
        for start, end in zip(bounds[:-1], bounds[1:]):
            if end > start:
                o = torch.nn.functional.scaled_dot_product_attention(
                    q[start:end].transpose(0, 1), k[start:end].transpose(0, 1), v[start:end].transpose(0, 1),
                    is_causal=True, scale=scaling, enable_gqa=k.shape[1] != q.shape[1])
                out[start:end] = o.transpose(0, 1)
    return out.unsqueeze(0), None  # [1, T, H, D], no attention weights


def _varlen_scale(scaling: float | None, head_dim: int) -> dict:
    """The softmax scale, where the installed kernel takes one. Without a scale argument it uses
    1/sqrt(head_dim), which is Llama's; any other scaling would silently change the model."""
    if "scale" in _VARLEN_PARAMETERS:
        return {"scale": scaling}
    if scaling is not None and abs(scaling - head_dim ** -0.5) > 1e-6:
        raise ValueError(f"this torch's varlen_attn has no scale argument, and the model needs scale {scaling}")
    return {}


def use_varlen_attention(model) -> None:
    """Registers the packed attention with transformers and switches `model` (before PEFT wraps it) to it.
    A name transformers' mask code does not know also means no [T, T] mask is ever built."""
    from transformers import AttentionInterface
    AttentionInterface.register(VARLEN_ATTENTION, varlen_attention)
    if hasattr(model, "set_attn_implementation"):
        model.set_attn_implementation(VARLEN_ATTENTION)
    else:
        model.config._attn_implementation = VARLEN_ATTENTION


def compile_decoder_layers(model) -> int:
    """torch.compile each transformer block in place ("regional" compilation): the blocks share their
    code, so one compilation serves all of them (tens of seconds instead of minutes for a whole 7B
    graph), and the loss code outside stays eager. Returns how many blocks were compiled."""
    compiled = 0
    for module in model.modules():
        if type(module).__name__.endswith("DecoderLayer"):
            module.compile(dynamic=True)
            compiled += 1
    return compiled
