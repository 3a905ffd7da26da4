"""LoRA's shrink/expand products for vLLM's CPU backend, grouped by adapter.

vLLM's CPU punica wrapper (vllm/lora/punica_wrapper/punica_cpu.py) calls the PyTorch ops of
vllm/lora/ops/torch_ops, which gather each token's own copy of its adapter's matrix
(`weights[indices]`: tokens × max-lora-rank × hidden, converted to fp32) and multiply token by token.
For a 135M model with --max-lora-rank 64 that is ~10 GB of copies per thousand prompt tokens, and a
request with an adapter took 1.1-2.8 s against 0.2-0.4 s without one (SmolLM2-135M, 2 cores).

Here every group of tokens that uses the same adapter slot is one matrix product against that slot's
matrix, so the cost is a few small GEMMs per layer. Same signatures and the same results as vLLM's
functions (tests/test_cpu_lora_ops.py compares them), including their edge cases: index -1 selects the
last slot as `weights[-1]` does there, a single input row is broadcast to every output row in
`bgmv_expand`, and outputs are cut to the common width when the adapter and model pad differently.
"""
from __future__ import annotations

import torch


def _per_adapter_matmul(inputs: torch.Tensor, weights: torch.Tensor, indices: torch.Tensor,
                        dtype: torch.dtype) -> torch.Tensor:
    """Row i of the result is inputs[i] @ weights[indices[i]]ᵀ, one product per distinct index."""
    if weights.dim() == 4:
        weights = weights.squeeze(1)
    inputs = inputs.to(dtype)
    slots = torch.unique(indices).tolist()
    if len(slots) == 1:
        return inputs @ weights[slots[0]].to(dtype).T
    out = torch.empty(inputs.shape[0], weights.shape[1], dtype=dtype, device=inputs.device)
    for slot in slots:
        rows = indices == slot
        out[rows] = inputs[rows] @ weights[slot].to(dtype).T
    return out


def bgmv_shrink(inputs, lora_a_weights, output_tensor, lora_indices_tensor, scaling: float = 1.0):
    outputs = _per_adapter_matmul(inputs, lora_a_weights, lora_indices_tensor, output_tensor.dtype)
    output_tensor[:, : outputs.shape[1]] = scaling * outputs


def bgmv_expand(inputs, lora_b_weights, output_tensor, lora_indices_tensor, add_inputs: bool = True):
    outputs = _per_adapter_matmul(inputs, lora_b_weights, lora_indices_tensor, output_tensor.dtype)
    limit = output_tensor.shape[0]
    if outputs.shape[0] == 1 and output_tensor.shape[0] != 1:
        limit = 1
    common_len = min(outputs.shape[1], output_tensor.shape[1])
    if add_inputs:
        output_tensor[:, :common_len] += outputs[:limit, :common_len]
    else:
        output_tensor[:, :common_len] = outputs[:limit, :common_len]


def bgmv_expand_slice(inputs, lora_b_weights, output_tensor, lora_indices_tensor, slice_offset: int,
                      slice_size: int, add_inputs: bool = True):
    outputs = _per_adapter_matmul(inputs, lora_b_weights, lora_indices_tensor, output_tensor.dtype)
    if add_inputs:
        output_tensor[:, slice_offset: slice_offset + slice_size] += outputs
    else:
        output_tensor[:, slice_offset: slice_offset + slice_size] = outputs


# The prefill ("sgmv") forms name each sequence's adapter once; per token it is the same product.
def sgmv_shrink(inputs, lora_a_weights, output_tensor, b_seq_start_loc, seq_len_tensor, lora_indices_tensor,
                batches, max_seq_length, token_nums, scaling: float):
    bgmv_shrink(inputs, lora_a_weights, output_tensor,
                torch.repeat_interleave(lora_indices_tensor, seq_len_tensor), scaling)


def sgmv_expand(inputs, lora_b_weights, output_tensor, b_seq_start_loc, seq_len_tensor, lora_indices_tensor,
                batches, max_seq_length, token_nums, add_inputs: bool = False):
    bgmv_expand(inputs, lora_b_weights, output_tensor,
                torch.repeat_interleave(lora_indices_tensor, seq_len_tensor), add_inputs)


def sgmv_expand_slice(inputs, lora_b_weights, output_tensor, b_seq_start_loc, seq_len_tensor,
                      lora_indices_tensor, batches, max_seq_length, token_nums, slice_offset: int,
                      slice_size: int, add_inputs: bool = False):
    bgmv_expand_slice(inputs, lora_b_weights, output_tensor,
                      torch.repeat_interleave(lora_indices_tensor, seq_len_tensor), slice_offset, slice_size,
                      add_inputs)


OPS = ("bgmv_shrink", "bgmv_expand", "bgmv_expand_slice", "sgmv_shrink", "sgmv_expand", "sgmv_expand_slice")


def install() -> None:
    """Points vLLM's CPU punica wrapper at these ops (it calls them through its module's globals)."""
    from vllm.lora.punica_wrapper import punica_cpu

    for name in OPS:
        setattr(punica_cpu, name, globals()[name])
