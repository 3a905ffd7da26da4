"""Are one wide GEMM for q/k/v (and one for gate/up) faster than three (two) narrow ones? Issue 18.

The frozen projections of a Llama block that read the same input run as separate products: q, k, v
(each [T, 4096] x [4096, 4096]) and gate, up (each [T, 4096] x [4096, 11008]). Concatenating their
weights makes one product per group in the forward, and one in the backward for the input gradient
(dX = [dQ dK dV] @ W_qkv instead of three products and two additions). This times both forms of a
layer's forward plus input gradient (the frozen weights need no weight gradient) at the packed
recipe's pass sizes, in bf16 on the GPU, and prints TFLOP/s.

  python3 workers/trainer/bench/gemm_fusion.py            # on the device machine
"""
from __future__ import annotations

import argparse
import json

import torch

SHAPES = {"qkv": (4096, [4096, 4096, 4096]), "gate_up": (4096, [11008, 11008])}


def time_ms(fn, reps: int) -> float:
    for _ in range(3):
        fn()
    start, end = torch.cuda.Event(enable_timing=True), torch.cuda.Event(enable_timing=True)
    times = []
    for _ in range(reps):
        start.record()
        fn()
        end.record()
        end.synchronize()
        times.append(start.elapsed_time(end))
    times.sort()
    return times[len(times) // 2]


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--tokens", default="4096,4480,6144")
    ap.add_argument("--reps", type=int, default=30)
    a = ap.parse_args()
    dev = "cuda"
    torch.manual_seed(0)
    print(torch.cuda.get_device_name(), torch.__version__)
    for name, (k, outs) in SHAPES.items():
        weights = [torch.randn(n, k, device=dev, dtype=torch.bfloat16) * 0.02 for n in outs]
        fused = torch.cat(weights)
        for t in map(int, a.tokens.split(",")):
            x = torch.randn(t, k, device=dev, dtype=torch.bfloat16)
            grads = [torch.randn(t, n, device=dev, dtype=torch.bfloat16) for n in outs]
            grad_fused = torch.cat(grads, dim=1)

            def separate():
                ys = [x @ w.t() for w in weights]
                dx = grads[0] @ weights[0]
                for g, w in zip(grads[1:], weights[1:]):
                    dx = dx + g @ w
                return ys, dx

            def one():
                return (x @ fused.t()).split(outs, dim=1), grad_fused @ fused

            flops = 2 * 2 * t * k * sum(outs)
            ms_sep, ms_one = time_ms(separate, a.reps), time_ms(one, a.reps)
            row = dict(group=name, tokens=t, separate_ms=round(ms_sep, 3), fused_ms=round(ms_one, 3),
                       separate_tflops=round(flops / ms_sep / 1e9, 1), fused_tflops=round(flops / ms_one / 1e9, 1),
                       speedup=round(ms_sep / ms_one, 3))
            print(json.dumps(row), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
