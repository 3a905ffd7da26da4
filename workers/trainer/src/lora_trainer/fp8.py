"""FP8 frozen base weights: the base model's linear layers run their matrix products in float8 (e4m3)
on Hopper's FP8 tensor cores, while LoRA's A/B, the norms, attention and the optimizer stay in
bf16/fp32 (issue 18, docs/performance.md).

Why it is safe for LoRA: the base weights never change, so each is quantized once, per output row
(one fp32 scale per row: a row's largest weight maps to e4m3's 448); activations and the gradients
flowing back are quantized per token row on the fly. Only the forward product x @ W^T and the input
gradient g @ W are FP8; no weight gradient exists for a frozen weight, and LoRA's own gradients are
computed by its bf16 layers from bf16 tensors.

Scales ("rowwise"): torch._scaled_mm(a, b, scale_a [M,1], scale_b [1,N]) computes
(a * scale_a) @ (b * scale_b). With W = s_w[:, None] * W_q (s_w one scale per output row n):
  forward   y  = x @ W^T = (x_q s_x) @ (W_q^T s_w[None, :])           -> scale_b = s_w as a row
  backward  gx = g @ W   = ((g * s_w[None, :])_q s_g) @ W_q            -> s_w folds into g first
so one quantized copy of W serves both, in two layouts (_scaled_mm wants its second operand
column-major: W_q^T for the forward, W_q for the backward). Two e4m3 copies weigh what one bf16 does.

On the CPU (tests only) the product is emulated in float32 from the same quantized operands, so a test
checks the scale algebra and the autograd wiring; training refuses fp8 without a CUDA GPU of compute
capability >= 8.9 (see `check_fp8_device`).
"""
from __future__ import annotations

import torch
from torch import nn

from .kernels.quantize import E4M3, quantize_rows


def check_fp8_device(device: str) -> str | None:
    """None when FP8 matrix products can run here, else why not (the caller turns it into an error)."""
    if device != "cuda" or not torch.cuda.is_available():
        return "training.fp8 needs a CUDA GPU with FP8 tensor cores (Hopper/Ada, compute capability >= 8.9); none is available"
    major, minor = torch.cuda.get_device_capability()
    if (major, minor) < (8, 9):
        return f"training.fp8 needs FP8 tensor cores (compute capability >= 8.9); this GPU has {major}.{minor}"
    return None


def _scaled_mm(a_q: torch.Tensor, b_q: torch.Tensor, scale_a: torch.Tensor, scale_b: torch.Tensor,
               out_dtype: torch.dtype) -> torch.Tensor:
    """(a_q * scale_a) @ (b_q * scale_b): a_q [M, K] row-major, b_q [K, N] column-major."""
    if a_q.is_cuda:
        return torch._scaled_mm(a_q, b_q, scale_a=scale_a, scale_b=scale_b, out_dtype=out_dtype)
    # CPU emulation for tests: torch's CPU _scaled_mm only takes one scale per tensor.
    return ((a_q.float() * scale_a) @ (b_q.float() * scale_b)).to(out_dtype)


def _rows(x: torch.Tensor, multiple: int = 16) -> tuple[torch.Tensor, int]:
    """x as [M, K] with M padded to a multiple of 16 (_scaled_mm's rule; packed rows usually are)."""
    x = x.reshape(-1, x.shape[-1])
    extra = -x.shape[0] % multiple
    if extra:
        x = torch.cat([x, x.new_zeros(extra, x.shape[1])])
    return x, extra


# Operators with their own backward (torch 2.11's tracer failed on the same code written as an
# autograd.Function inside a compiled decoder layer). triton_op, not custom_op: torch.compile traces
# through them (the Triton launch and _scaled_mm land in the compiled graph), whereas an opaque
# custom op runs its Python body on every call, 14 calls per layer and pass, which left the FP8
# recipe waiting on the host (docs/performance.md).
@torch.library.triton_op("lora_trainer::fp8_linear", mutates_args=())
def fp8_linear(x: torch.Tensor, w_q: torch.Tensor, w_scale: torch.Tensor, wt_q: torch.Tensor,
               ones_k: torch.Tensor) -> torch.Tensor:
    """y = x @ W^T with W = w_scale^T * w_q (rows); wt_q/ones_k are only the backward's."""
    x2, extra = _rows(x)
    x_q, x_scale = quantize_rows(x2)
    y = _scaled_mm(x_q, w_q.t(), x_scale, w_scale, x.dtype)
    if extra:
        y = y[: y.shape[0] - extra]
    return y.reshape(*x.shape[:-1], w_q.shape[0])


@torch.library.triton_op("lora_trainer::fp8_linear_input_grad", mutates_args=())
def fp8_linear_input_grad(grad: torch.Tensor, w_scale: torch.Tensor, wt_q: torch.Tensor,
                          ones_k: torch.Tensor) -> torch.Tensor:
    """g @ W = ((g * w_scale)_q s_g) @ w_q: the weight's row scales fold into g before quantizing."""
    g2, extra = _rows(grad)
    g_q, g_scale = quantize_rows(g2, w_scale)
    gx = _scaled_mm(g_q, wt_q.t(), g_scale, ones_k, grad.dtype)
    if extra:
        gx = gx[: gx.shape[0] - extra]
    return gx.reshape(*grad.shape[:-1], wt_q.shape[0])


def _setup_context(ctx, inputs, output):
    _, _, w_scale, wt_q, ones_k = inputs
    ctx.save_for_backward(w_scale, wt_q, ones_k)


def _backward(ctx, grad):
    w_scale, wt_q, ones_k = ctx.saved_tensors
    return fp8_linear_input_grad(grad, w_scale, wt_q, ones_k), None, None, None, None


fp8_linear.register_autograd(_backward, setup_context=_setup_context)


class Fp8FrozenLinear(nn.Module):
    """A frozen nn.Linear whose product runs in FP8. Weights live in buffers (not parameters): nothing
    trains them and no optimizer or checkpoint sees them."""

    def __init__(self, linear: nn.Linear):
        super().__init__()
        self.in_features, self.out_features = linear.in_features, linear.out_features
        if self.in_features % 16 or self.out_features % 16:
            raise ValueError(f"FP8 linear layers need sizes divisible by 16, got {self.out_features}x{self.in_features}")
        weight = linear.weight.detach()
        w_q, row_scale = quantize_rows(weight)  # [N, K], [N, 1]
        self.register_buffer("w_q", w_q)
        self.register_buffer("w_scale", row_scale.reshape(1, -1).contiguous())
        self.register_buffer("wt_q", w_q.t().contiguous())  # [K, N]: W_q column-major for the backward
        self.register_buffer("ones_k", torch.ones(1, self.in_features, device=weight.device))
        self.bias = None if linear.bias is None else nn.Parameter(linear.bias.detach(), requires_grad=False)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        y = fp8_linear(x, self.w_q, self.w_scale, self.wt_q, self.ones_k)
        return y if self.bias is None else y + self.bias

    def extra_repr(self) -> str:
        return f"in_features={self.in_features}, out_features={self.out_features}, fp8=e4m3 rowwise"


def convert_frozen_linears(model: nn.Module, layer_suffix: str = "DecoderLayer") -> int:
    """Replaces every frozen nn.Linear inside the transformer blocks (the base layers under LoRA too)
    by an Fp8FrozenLinear, freeing the bf16 weight; LoRA's A/B and the LM head are left alone.
    Call after PEFT wrapped the model. Returns how many layers were converted."""
    converted = 0
    for block in [m for m in model.modules() if type(m).__name__.endswith(layer_suffix)]:
        targets = [(name, m) for name, m in block.named_modules()
                   if type(m) is nn.Linear and not m.weight.requires_grad and not _is_lora_part(name)]
        for name, linear in targets:
            parent_name, _, attr = name.rpartition(".")
            parent = block.get_submodule(parent_name) if parent_name else block
            setattr(parent, attr, Fp8FrozenLinear(linear))
            converted += 1
    return converted


def _is_lora_part(name: str) -> bool:
    return any(part.startswith("lora_") for part in name.split("."))
