"""Row-wise FP8 (e4m3) quantization in one pass over each row (issue 18, lora_trainer/fp8.py).

Why a kernel: in PyTorch the same thing is five memory passes (abs, amax, multiply, clamp, cast) over
a [tokens, features] activation, about as long as the FP8 matrix product it feeds. The kernel reads
each row twice (the second read hits the cache) and writes one byte per element plus one scale.

`quantize_rows(x, col_scale=None)` returns (q e4m3 [M, K], scale fp32 [M, 1]) with
x * col_scale ~= q * scale, each row's largest |x * col_scale| mapped to 448 (e4m3's largest).
"""
from __future__ import annotations

import torch

E4M3 = torch.float8_e4m3fn
E4M3_MAX = 448.0


def quantize_rows_reference(x: torch.Tensor, col_scale: torch.Tensor | None = None):
    v = x.float() if col_scale is None else x.float() * col_scale
    amax = v.abs().amax(dim=-1, keepdim=True).clamp(min=1e-12)
    scale = amax / E4M3_MAX
    return (v / scale).clamp(-E4M3_MAX, E4M3_MAX).to(E4M3), scale


_kernel = None


def _build_kernel():
    import triton
    import triton.language as tl

    @triton.jit
    def quantize_rows_kernel(x_ptr, col_ptr, q_ptr, s_ptr, K, stride_x, stride_q,
                             HAS_COL: tl.constexpr, BLOCK: tl.constexpr):
        row = tl.program_id(0).to(tl.int64)
        offs = tl.arange(0, BLOCK)
        amax = tl.zeros([BLOCK], dtype=tl.float32)
        for start in range(0, K, BLOCK):
            cols = start + offs
            mask = cols < K
            v = tl.load(x_ptr + row * stride_x + cols, mask=mask, other=0.0).to(tl.float32)
            if HAS_COL:
                v = v * tl.load(col_ptr + cols, mask=mask, other=0.0)
            amax = tl.maximum(amax, tl.abs(v))
        scale = tl.maximum(tl.max(amax, axis=0), 1e-12) / 448.0
        for start in range(0, K, BLOCK):
            cols = start + offs
            mask = cols < K
            v = tl.load(x_ptr + row * stride_x + cols, mask=mask, other=0.0).to(tl.float32)
            if HAS_COL:
                v = v * tl.load(col_ptr + cols, mask=mask, other=0.0)
            q = tl.clamp(v / scale, -448.0, 448.0)
            tl.store(q_ptr + row * stride_q + cols, q.to(q_ptr.dtype.element_ty), mask=mask)
        tl.store(s_ptr + row, scale)

    return quantize_rows_kernel


def quantize_rows(x: torch.Tensor, col_scale: torch.Tensor | None = None):
    """x [M, K] (any float dtype, last dim contiguous); col_scale fp32 [1, K] or None."""
    if not x.is_cuda:
        return quantize_rows_reference(x, col_scale)
    global _kernel
    if _kernel is None:
        _kernel = _build_kernel()
    if x.stride(-1) != 1:
        x = x.contiguous()
    m, k = x.shape
    q = torch.empty((m, k), device=x.device, dtype=E4M3)
    scale = torch.empty((m, 1), device=x.device, dtype=torch.float32)
    if m:
        col = col_scale.reshape(-1).contiguous() if col_scale is not None else scale  # unused when HAS_COL is off
        # wrap_triton: under torch.compile the launch is traced into the graph (no Python per call)
        torch.library.wrap_triton(_kernel)[(m,)](x, col, q, scale, k, x.stride(0), q.stride(0), HAS_COL=col_scale is not None,
                                                 BLOCK=1024, num_warps=4)
    return q, scale
