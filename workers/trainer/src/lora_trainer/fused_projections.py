"""training.fuseProjections: one matrix product for a Llama block's q/k/v projections and one for gate/up.

Why: q, k and v read the same input, and so do gate and up. Run separately, a block launches three
(two) narrower products in the forward and, for the input gradient, three (two) more plus the
additions that sum them; with the frozen weights laid end to end it is one wider product each way
(dX = [dQ dK dV] @ W_qkv), which keeps the tensor cores busier (bench/gemm_fusion.py,
docs/performance.md).

How: after PEFT has wrapped the projections, the frozen base weights of a group are concatenated
into one tensor and each projection's own weight becomes a view into it, so memory, the state dict
and the saved adapter are unchanged. The block's attention and MLP get a forward that runs the wide
product, splits it, and adds each projection's LoRA term computed by PEFT's own modules in PEFT's
order (so LoRA dropout draws the same masks): the same arithmetic as the unfused block up to the
order of floating-point sums (tests/test_fused_projections.py trains both side by side).

Only blocks whose forward this reproduces are fused (transformers' Llama attention and MLP, which
Llama-2, SmolLM2 and the demo model use); other architectures, and base layers that are not plain
frozen nn.Linear (FP8, 4-bit), are left as they are.
"""
from __future__ import annotations

import sys

import torch
from torch import nn
from torch.nn import functional as F

FUSABLE_ATTENTION = ("LlamaAttention",)
FUSABLE_MLP = ("LlamaMLP",)
QKV = ("q_proj", "k_proj", "v_proj")
GATE_UP = ("gate_proj", "up_proj")


def _base_linear(layer: nn.Module) -> nn.Module:
    return getattr(layer, "base_layer", layer)  # PEFT's LoRA layer wraps the original as base_layer


def _has_lora(layer: nn.Module) -> bool:
    return hasattr(layer, "lora_A")


def _lora_term(layer: nn.Module, x: torch.Tensor) -> torch.Tensor | None:
    """What PEFT's lora.Linear.forward adds to its base layer's output (vanilla LoRA, active adapters)."""
    term = None
    for name in layer.active_adapters:
        if name not in layer.lora_A:
            continue
        lora_input = layer._cast_input_dtype(x, layer.lora_A[name].weight.dtype)
        delta = layer.lora_B[name](layer.lora_A[name](layer.lora_dropout[name](lora_input))) * layer.scaling[name]
        term = delta if term is None else term + delta
    return term


def _plain_lora(layers) -> bool:
    """Whether every LoRA layer of the group would take PEFT's vanilla path (else: run unfused)."""
    return all(not _has_lora(layer) or (not layer.disable_adapters and not layer.merged and not layer.lora_variant)
               for layer in layers)


def _fuse_weights(module: nn.Module, names: tuple[str, ...], buffer: str) -> bool:
    """Lays the group's frozen weights (and biases) end to end in `module.<buffer>_weight`; False when
    any base layer is not a plain frozen nn.Linear."""
    bases = [_base_linear(getattr(module, name)) for name in names]
    if any(type(b) is not nn.Linear or b.weight.requires_grad for b in bases):
        return False
    has_bias = [b.bias is not None for b in bases]
    if any(has_bias) and not all(has_bias):
        return False
    for part in ("weight", "bias") if all(has_bias) else ("weight",):
        fused = torch.cat([getattr(b, part).detach() for b in bases])
        start = 0
        for b in bases:
            rows = b.out_features
            setattr(b, part, nn.Parameter(fused[start:start + rows], requires_grad=False))  # a view: no copy kept
            start += rows
        module.register_buffer(f"{buffer}_{part}", fused, persistent=False)
    if not all(has_bias):
        module.register_buffer(f"{buffer}_bias", None, persistent=False)
    return True


def _project(x: torch.Tensor, weight: torch.Tensor, bias: torch.Tensor | None, layers) -> list[torch.Tensor]:
    """Each layer's output, from one product with the fused weight plus each layer's LoRA term."""
    sizes = [_base_linear(layer).out_features for layer in layers]
    outputs = []
    for base, layer in zip(F.linear(x, weight, bias).split(sizes, dim=-1), layers):
        term = _lora_term(layer, x) if _has_lora(layer) else None
        outputs.append(base if term is None else (base + term).to(base.dtype))
    return outputs


def _fused_attention_forward(module: nn.Module):
    modeling = sys.modules[type(module).__module__]
    unfused = type(module).forward.__get__(module)
    layers = tuple(getattr(module, name) for name in QKV)

    def forward(hidden_states, position_embeddings=None, attention_mask=None, past_key_values=None, **kwargs):
        # transformers' LlamaAttention.forward (5.x) with the three projections as one product
        if not _plain_lora(layers):
            return unfused(hidden_states, position_embeddings, attention_mask, past_key_values, **kwargs)
        input_shape = hidden_states.shape[:-1]
        hidden_shape = (*input_shape, -1, module.head_dim)
        query, key, value = (t.view(hidden_shape).transpose(1, 2) for t in
                             _project(hidden_states, module.fused_qkv_weight, module.fused_qkv_bias, layers))
        cos, sin = position_embeddings
        query, key = modeling.apply_rotary_pos_emb(query, key, cos, sin)
        if past_key_values is not None:
            key, value = past_key_values.update(key, value, module.layer_idx)
        attention = modeling.ALL_ATTENTION_FUNCTIONS.get_interface(module.config._attn_implementation,
                                                                   modeling.eager_attention_forward)
        output, weights = attention(module, query, key, value, attention_mask,
                                    dropout=0.0 if not module.training else module.attention_dropout,
                                    scaling=module.scaling, **kwargs)
        output = output.reshape(*input_shape, -1).contiguous()
        return module.o_proj(output), weights

    return forward


def _fused_mlp_forward(module: nn.Module):
    unfused = type(module).forward.__get__(module)
    layers = tuple(getattr(module, name) for name in GATE_UP)

    def forward(x):
        if not _plain_lora(layers):
            return unfused(x)
        gate, up = _project(x, module.fused_gate_up_weight, module.fused_gate_up_bias, layers)
        return module.down_proj(module.act_fn(gate) * up)

    return forward


def fuse_projections(model: nn.Module) -> int:
    """Fuses every Llama attention's q/k/v and MLP's gate/up in place (after PEFT, before compiling).
    Returns how many groups were fused (0: nothing in this model could be)."""
    fused = 0
    for module in model.modules():
        kind = type(module).__name__
        if kind in FUSABLE_ATTENTION and _fuse_weights(module, QKV, "fused_qkv"):
            module.forward = _fused_attention_forward(module)
            fused += 1
        elif kind in FUSABLE_MLP and _fuse_weights(module, GATE_UP, "fused_gate_up"):
            module.forward = _fused_mlp_forward(module)
            fused += 1
    return fused
