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

Modes (which of the two products runs in FP8):
  "full"      both, as above.
  "forward"   x @ W^T in FP8; g stays bf16 and meets the dequantized weight (s_w * W_q, rebuilt per
              call from the e4m3 copy): no second e4m3 layout is stored.
  "gradient"  x @ W^T in bf16 from the original weight (kept), g @ W in FP8 as above: +1 byte per
              weight over bf16, or none when `lean` (each backward quantizes W^T again, ~3 bytes of
              traffic per weight). What training.fp8 runs: on the 7B shape (issue 18,
              docs/performance.md) "full" and "forward" ended ~0.1 nats above bf16, "gradient" ~0.01;
              the forward's activation rounding is what costs learning, the gradient's barely.

On the CPU (tests only) the product is emulated in float32 from the same quantized operands, so a test
checks the scale algebra and the autograd wiring; training refuses fp8 without a CUDA GPU of compute
capability >= 8.9 (see `check_fp8_device`).
"""
from __future__ import annotations

import torch
from torch import nn

from .kernels.quantize import E4M3, E4M3_MAX, quantize_rows


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


def _fp8_forward(x: torch.Tensor, w_q: torch.Tensor, w_scale: torch.Tensor) -> torch.Tensor:
    x2, extra = _rows(x)
    x_q, x_scale = quantize_rows(x2)
    y = _scaled_mm(x_q, w_q.t(), x_scale, w_scale, x.dtype)
    if extra:
        y = y[: y.shape[0] - extra]
    return y.reshape(*x.shape[:-1], w_q.shape[0])


# Operators with their own backward (torch 2.11's tracer failed on the same code written as an
# autograd.Function inside a compiled decoder layer). triton_op, not custom_op: torch.compile traces
# through them (the Triton launch and _scaled_mm land in the compiled graph), whereas an opaque
# custom op runs its Python body on every call, 14 calls per layer and pass, which left the FP8
# recipe waiting on the host (docs/performance.md).
@torch.library.triton_op("lora_trainer::fp8_linear", mutates_args=())
def fp8_linear(x: torch.Tensor, w_q: torch.Tensor, w_scale: torch.Tensor, wt_q: torch.Tensor,
               ones_k: torch.Tensor) -> torch.Tensor:
    """y = x @ W^T with W = w_scale^T * w_q (rows); wt_q/ones_k are only the backward's."""
    return _fp8_forward(x, w_q, w_scale)


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


@torch.library.triton_op("lora_trainer::fp8_forward_linear", mutates_args=())
def fp8_forward_linear(x: torch.Tensor, w_q: torch.Tensor, w_scale: torch.Tensor) -> torch.Tensor:
    """y = x @ W^T in FP8 as fp8_linear; its input gradient is bf16 (below)."""
    return _fp8_forward(x, w_q, w_scale)


def dequantized_weight(w_q: torch.Tensor, w_scale: torch.Tensor, dtype: torch.dtype) -> torch.Tensor:
    """s_w * W_q [N, K] in `dtype`: the weight the forward multiplied by (scale applied in fp32, one
    rounding). Under torch.compile this is one fused elementwise kernel before the bf16 GEMM."""
    return (w_q.float() * w_scale.reshape(-1, 1)).to(dtype)


def _setup_forward_only(ctx, inputs, output):
    _, w_q, w_scale = inputs
    ctx.save_for_backward(w_q, w_scale)


def _backward_bf16(ctx, grad):
    w_q, w_scale = ctx.saved_tensors
    return grad @ dequantized_weight(w_q, w_scale, grad.dtype), None, None


fp8_forward_linear.register_autograd(_backward_bf16, setup_context=_setup_forward_only)


@torch.library.triton_op("lora_trainer::fp8_gradient_linear", mutates_args=())
def fp8_gradient_linear(x: torch.Tensor, weight: torch.Tensor, w_scale: torch.Tensor, wt_q: torch.Tensor,
                        ones_k: torch.Tensor) -> torch.Tensor:
    """y = x @ W^T in bf16; the input gradient is fp8_linear's (same inputs in the same places)."""
    return x @ weight.t()


def _setup_context(ctx, inputs, output):
    _, _, w_scale, wt_q, ones_k = inputs
    ctx.save_for_backward(w_scale, wt_q, ones_k)


def _backward(ctx, grad):
    w_scale, wt_q, ones_k = ctx.saved_tensors
    return fp8_linear_input_grad(grad, w_scale, wt_q, ones_k), None, None, None, None


fp8_linear.register_autograd(_backward, setup_context=_setup_context)
fp8_gradient_linear.register_autograd(_backward, setup_context=_setup_context)


@torch.library.triton_op("lora_trainer::fp8_gradient_linear_lean", mutates_args=())
def fp8_gradient_linear_lean(x: torch.Tensor, weight: torch.Tensor, w_scale: torch.Tensor,
                             ones_k: torch.Tensor) -> torch.Tensor:
    """fp8_gradient_linear without a stored e4m3 copy: the backward quantizes W^T from the bf16 weight."""
    return x @ weight.t()


def transposed_e4m3(weight: torch.Tensor, w_scale: torch.Tensor) -> torch.Tensor:
    """W_q^T [K, N] contiguous, the same bytes as quantize_rows(W)[0].t(): the scales are the stored ones."""
    return (weight.float() / w_scale.reshape(-1, 1)).clamp(-E4M3_MAX, E4M3_MAX).to(E4M3).t().contiguous()


def _setup_lean(ctx, inputs, output):
    _, weight, w_scale, ones_k = inputs
    ctx.save_for_backward(weight, w_scale, ones_k)


def _backward_lean(ctx, grad):
    weight, w_scale, ones_k = ctx.saved_tensors
    return fp8_linear_input_grad(grad, w_scale, transposed_e4m3(weight, w_scale), ones_k), None, None, None


fp8_gradient_linear_lean.register_autograd(_backward_lean, setup_context=_setup_lean)


MODES = ("full", "forward", "gradient")  # which products run in FP8 (module docstring)


class Fp8FrozenLinear(nn.Module):
    """A frozen nn.Linear whose product runs in FP8. Weights live in buffers (not parameters): nothing
    trains them and no optimizer or checkpoint sees them."""

    def __init__(self, linear: nn.Linear, mode: str = "full", lean: bool = False):
        """lean (mode "gradient" only): no stored e4m3 copy, each backward quantizes W^T again."""
        super().__init__()
        self.lean = lean and mode == "gradient"
        if mode not in MODES:
            raise ValueError(f"FP8 mode must be one of {MODES}, got {mode!r}")
        self.mode = mode
        self.in_features, self.out_features = linear.in_features, linear.out_features
        if self.in_features % 16 or self.out_features % 16:
            raise ValueError(f"FP8 linear layers need sizes divisible by 16, got {self.out_features}x{self.in_features}")
        weight = linear.weight.detach()
        w_q, row_scale = quantize_rows(weight)  # [N, K], [N, 1]
        self.register_buffer("w_scale", row_scale.reshape(1, -1).contiguous())
        if mode == "gradient":
            self.register_buffer("weight", weight)  # the forward's, unrounded
        else:
            self.register_buffer("w_q", w_q)
        if mode != "forward":  # "forward" dequantizes w_q for its gradient instead: no second layout
            if not self.lean:
                self.register_buffer("wt_q", w_q.t().contiguous())  # [K, N]: W_q column-major for the backward
            self.register_buffer("ones_k", torch.ones(1, self.in_features, device=weight.device))
        self.bias = None if linear.bias is None else nn.Parameter(linear.bias.detach(), requires_grad=False)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        if self.mode == "full":
            y = fp8_linear(x, self.w_q, self.w_scale, self.wt_q, self.ones_k)
        elif self.mode == "forward":
            y = fp8_forward_linear(x, self.w_q, self.w_scale)
        elif self.lean:
            y = fp8_gradient_linear_lean(x, self.weight, self.w_scale, self.ones_k)
        else:
            y = fp8_gradient_linear(x, self.weight, self.w_scale, self.wt_q, self.ones_k)
        return y if self.bias is None else y + self.bias

    def extra_repr(self) -> str:
        return (f"in_features={self.in_features}, out_features={self.out_features}, fp8=e4m3 rowwise, "
                f"mode={self.mode}")


def convert_frozen_linears(model: nn.Module, layer_suffix: str = "DecoderLayer", mode: str = "full",
                           factory=None, lean: bool = False) -> int:
    """Replaces every frozen nn.Linear inside the transformer blocks (the base layers under LoRA too)
    by an Fp8FrozenLinear of `mode` (the modes but "gradient" free the bf16 weight); LoRA's A/B and the
    LM head are left alone. `factory(linear)` builds another kind of layer instead (a bench's
    diagnostic). Call after PEFT wrapped the model. Returns how many layers were converted."""
    factory = factory or (lambda linear: Fp8FrozenLinear(linear, mode, lean))
    converted = 0
    for block in [m for m in model.modules() if type(m).__name__.endswith(layer_suffix)]:
        targets = [(name, m) for name, m in block.named_modules()
                   if type(m) is nn.Linear and not m.weight.requires_grad and not _is_lora_part(name)]
        for name, linear in targets:
            parent_name, _, attr = name.rpartition(".")
            parent = block.get_submodule(parent_name) if parent_name else block
            setattr(parent, attr, factory(linear))
            converted += 1
    return converted


def _is_lora_part(name: str) -> bool:
    return any(part.startswith("lora_") for part in name.split("."))
