"""FP8 frozen linear layers on the GPU (lora_trainer/fp8.py): error against the bf16 product and the
speed of one layer's forward + input-gradient at the 7B model's shapes, next to bf16 (issue 18).

For each (tokens, in, out) shape of a Llama-2-7B layer: relative error ||y - y_ref|| / ||y_ref|| of
the FP8 forward and input gradient against a float32 reference (bf16's own error printed beside
it), then the time of forward + backward (input gradient only: the weight is frozen) of
nn.Linear in bf16 and of Fp8FrozenLinear, both under torch.compile, and the bare matrix products
(bf16 mm, _scaled_mm rowwise on pre-quantized operands) as the ceilings. One layer per call is
host-bound at these sizes, so the layer timings say little about training; the GEMM rates and the
errors are what docs/performance.md uses.

  python3 workers/trainer/bench/fp8_check.py
"""
from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

import torch  # noqa: E402
from triton.testing import do_bench  # noqa: E402

from lora_trainer.fp8 import Fp8FrozenLinear  # noqa: E402
from lora_trainer.kernels.quantize import quantize_rows, quantize_rows_reference  # noqa: E402

SHAPES = [(4096, 4096, 4096), (4096, 4096, 11008), (4096, 11008, 4096), (2048, 4096, 4096)]


def rel(a, b):
    return float((a.float() - b.float()).norm() / b.float().norm())


def main() -> int:
    torch.manual_seed(0)
    # the Triton quantization kernel against its PyTorch reference, rows of very different magnitudes
    x = torch.randn(4096, 11008, device="cuda", dtype=torch.bfloat16) * torch.logspace(-3, 3, 4096, device="cuda")[:, None].bfloat16()
    col = torch.rand(1, 11008, device="cuda") + 0.5
    for c in (None, col):
        q, s = quantize_rows(x, c)
        qr, sr = quantize_rows_reference(x, c)
        same = float((q.view(torch.uint8) == qr.view(torch.uint8)).float().mean())
        print(f"quantize kernel vs reference ({'with' if c is not None else 'no'} column scale): scales max rel diff "
              f"{float(((s - sr).abs() / sr).max()):.2e}, identical e4m3 bytes {100 * same:.4f}%, "
              f"{do_bench(lambda: quantize_rows(x, c), return_mode='median') * 1e3:.0f} us kernel vs "
              f"{do_bench(lambda: quantize_rows_reference(x, c), return_mode='median') * 1e3:.0f} us reference", flush=True)
    print("| tokens x in -> out | fwd err fp8 (bf16) | grad err fp8 (bf16) | bf16 mm TFLOP/s | fp8 _scaled_mm TFLOP/s "
          "| layer fwd+bwd bf16 (ms) | layer fwd+bwd fp8 (ms) | speed-up |")
    print("| --- | --- | --- | --- | --- | --- | --- | --- |")
    for t, k, n in SHAPES:
        lin = torch.nn.Linear(k, n, bias=False, device="cuda", dtype=torch.bfloat16).requires_grad_(False)
        fp8 = Fp8FrozenLinear(lin)
        x = torch.randn(t, k, device="cuda", dtype=torch.bfloat16)
        g = torch.randn(t, n, device="cuda", dtype=torch.bfloat16)
        y_ref = x.float() @ lin.weight.float().t()
        gx_ref = g.float() @ lin.weight.float()

        def fwd_bwd(layer):
            xx = x.detach().requires_grad_(True)
            y = layer(xx)
            y.backward(g)
            return y, xx.grad

        y8, gx8 = fwd_bwd(fp8)
        y16, gx16 = fwd_bwd(lin)
        errs = (rel(y8, y_ref), rel(y16, y_ref), rel(gx8, gx_ref), rel(gx16, gx_ref))
        assert all(e == e for e in errs), "NaN in the FP8 path"

        flops = 2 * t * k * n
        t_mm = do_bench(lambda: x @ lin.weight.t(), warmup=25, rep=100, return_mode="median")
        x_q, x_s = quantize_rows(x)
        t_smm = do_bench(lambda: torch._scaled_mm(x_q, fp8.w_q.t(), scale_a=x_s, scale_b=fp8.w_scale,
                                                  out_dtype=torch.bfloat16), warmup=25, rep=100, return_mode="median")
        c16 = torch.compile(lambda xx: fwd_bwd(lin))
        c8 = torch.compile(lambda xx: fwd_bwd(fp8))
        for f in (c16, c8):
            f(x)
        t16 = do_bench(lambda: c16(x), warmup=25, rep=100, return_mode="median")
        t8 = do_bench(lambda: c8(x), warmup=25, rep=100, return_mode="median")
        print(f"| {t} x {k} -> {n} | {errs[0]:.4f} ({errs[1]:.4f}) | {errs[2]:.4f} ({errs[3]:.4f}) "
              f"| {flops / t_mm / 1e9:.0f} | {flops / t_smm / 1e9:.0f} | {t16:.3f} | {t8:.3f} | {t16 / t8:.2f}x |",
              flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
