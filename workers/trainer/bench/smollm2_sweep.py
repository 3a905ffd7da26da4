"""Learning sweep for the SmolLM2 CPU preset: runs the trainer's own CLI once per variant (several at a
time on one GPU, where a variant takes a minute instead of a quarter hour on the CPU) and prints the
validation accuracy (label-word logits, the whole val split) at each evaluation, by reviews seen.

Which variant is fast enough on the 2-core CPU is measured there (bench/cpu_precision.py, the preset's
own run); this script answers only how well each one learns.

Usage: smollm2_sweep.py MODEL_DIR SPLIT_DIR OUT_DIR [--parallel N] [--only NAME,...]
SPLIT_DIR holds train.jsonl and val.jsonl (bench/split.py)."""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

from lora_trainer.config import SMOLLM2_LABEL_WORDS, SMOLLM2_TEMPLATE

# SMOLLM2_TEMPLATE with the chat template's default system prompt, as it was before the CPU preset
# dropped it (~20 tokens more per review).
LONG_TEMPLATE = ("<|im_start|>system\nYou are a helpful AI assistant named SmolLM, trained by Hugging Face<|im_end|>\n"
                 + SMOLLM2_TEMPLATE)
QKVO = ["q_proj", "k_proj", "v_proj", "o_proj"]
ALL = QKVO + ["gate_proj", "up_proj", "down_proj"]
BASE = {"template": SMOLLM2_TEMPLATE, "lora": {"r": 8, "alpha": 16, "targetModules": QKVO},
        "training": {"learningRate": 2e-3, "epochs": 1, "batchSize": 16, "gradientAccumulationSteps": 1,
                     "maxLength": 256, "evalSteps": 75, "saveTotalLimit": 1}}


def variant(template=None, lora=None, **training):
    spec = json.loads(json.dumps(BASE))
    spec["template"] = template or spec["template"]
    spec["lora"].update(lora or {})
    spec["training"].update(training)
    return spec


VARIANTS = {
    "long-128-all": variant(LONG_TEMPLATE, maxLength=128),
    "short-128-all": variant(maxLength=128),
    "short-256-all": variant(),
    "short-256-all-lr1e-3": variant(learningRate=1e-3),
    "short-256-top15": variant(lora={"topLayers": 15}),
    "short-256-top10": variant(lora={"topLayers": 10}),
    "short-256-top10-lr4e-3": variant(lora={"topLayers": 10}, learningRate=4e-3),
    "short-384-top10": variant(lora={"topLayers": 10}, maxLength=384),
    "short-256-top10-mlp-r16": variant(lora={"topLayers": 10, "r": 16, "alpha": 32, "targetModules": ALL}),
    "short-256-top10-half": variant(lora={"topLayers": 10}, epochs=0.5, evalSteps=50),
    "short-256-top10-lr4e-3-half": variant(lora={"topLayers": 10}, learningRate=4e-3, epochs=0.5, evalSteps=50),
    "short-256-top6": variant(lora={"topLayers": 6}),
    # Round 2, on the product's own split (train/val/test exported from dataset_rows), test accuracy of
    # each adapter by `predict`: how far above the 20-minute CPU budget the model can go at all, and
    # which budget-sized recipe gets closest to it.
    "ceil-512-all-r16-2ep": variant(lora={"r": 16, "alpha": 32, "targetModules": ALL}, maxLength=512,
                                    learningRate=1e-3, epochs=2, evalSteps=300),
    "ceil-512-all-r16-1ep": variant(lora={"r": 16, "alpha": 32, "targetModules": ALL}, maxLength=512,
                                    learningRate=1e-3, evalSteps=150),
    "p256-top10-lr2e-3-0.65": variant(lora={"topLayers": 10}, epochs=0.65, evalSteps=130),
    "p256-top10-lr4e-3-0.65": variant(lora={"topLayers": 10}, learningRate=4e-3, epochs=0.65, evalSteps=130),
    "p256-top10-lr4e-3-bs8-0.65": variant(lora={"topLayers": 10}, learningRate=3e-3, batchSize=8, epochs=0.65,
                                          evalSteps=260),
    "p256-top15-lr3e-3-0.65": variant(lora={"topLayers": 15}, learningRate=3e-3, epochs=0.65, evalSteps=130),
    "p256-top10-r16-all-0.65": variant(lora={"topLayers": 10, "r": 16, "alpha": 32, "targetModules": ALL},
                                       epochs=0.65, evalSteps=130),
    "p256-all-lr2e-3-0.65": variant(epochs=0.65, evalSteps=130),
    "p256-top10-lr4e-3-1ep": variant(lora={"topLayers": 10}, learningRate=4e-3, evalSteps=200),
    "p384-top10-lr3e-3-0.5": variant(lora={"topLayers": 10}, maxLength=384, learningRate=3e-3, epochs=0.5,
                                     evalSteps=100),
    "p192-top10-lr4e-3-0.85": variant(lora={"topLayers": 10}, maxLength=192, learningRate=4e-3, epochs=0.85,
                                      evalSteps=170),
    "p320-top10-lr4e-3-0.6": variant(lora={"topLayers": 10}, maxLength=320, learningRate=4e-3, epochs=0.6,
                                     evalSteps=120),
    # Round 3: every block adapted is what reaches 85% on test (round 2); how few reviews and tokens it needs.
    "p256-all-lr3e-3-0.65": variant(learningRate=3e-3, epochs=0.65, evalSteps=130),
    "p256-all-lr4e-3-0.5": variant(learningRate=4e-3, epochs=0.5, evalSteps=100),
    "p256-all-lr3e-3-0.8": variant(learningRate=3e-3, epochs=0.8, evalSteps=160),
    "p192-all-lr2e-3-1ep": variant(maxLength=192, evalSteps=200),
    "p256-top20-lr2e-3-1ep": variant(lora={"topLayers": 20}, evalSteps=200),
    "p256-all-lr2e-3-1ep-seed1": variant(seed=1, evalSteps=200),
    "p256-all-bs32-lr4e-3-1ep": variant(batchSize=32, learningRate=4e-3, evalSteps=100),
    "p256-all-qv-lr2e-3-1ep": variant(lora={"targetModules": ["q_proj", "v_proj"]}, evalSteps=200),
    # Round 4: LoRA dropout off. On the 2-core CPU its random masks (one per target module, every token)
    # cost about as much as the matrix products (bench/profile_cpu_step.py), so without it 20+ blocks
    # fit more reviews in 20 minutes; does learning lose anything?
    "d0-top10-lr2e-3-0.55": variant(lora={"topLayers": 10, "dropout": 0}, epochs=0.55, evalSteps=110),
    "d0-top20-lr2e-3-1ep": variant(lora={"topLayers": 20, "dropout": 0}, evalSteps=200),
    "d0-top20-lr2e-3-1ep-seed1": variant(lora={"topLayers": 20, "dropout": 0}, seed=1, evalSteps=200),
    "d0-top20-lr3e-3-0.8": variant(lora={"topLayers": 20, "dropout": 0}, learningRate=3e-3, epochs=0.8, evalSteps=160),
    "d0-top20-lr3e-3-0.65": variant(lora={"topLayers": 20, "dropout": 0}, learningRate=3e-3, epochs=0.65, evalSteps=130),
    "d0-top20-w64-lr3e-3-0.8": variant(lora={"topLayers": 20, "dropout": 0}, learningRate=3e-3, epochs=0.8,
                                       evalSteps=160, lengthGroupWindow=64),
    "d0-top25-lr3e-3-0.8": variant(lora={"topLayers": 25, "dropout": 0}, learningRate=3e-3, epochs=0.8, evalSteps=160),
    "d0-all-lr3e-3-0.65": variant(lora={"dropout": 0}, learningRate=3e-3, epochs=0.65, evalSteps=130),
    "d0-all-lr3e-3-0.8": variant(lora={"dropout": 0}, learningRate=3e-3, epochs=0.8, evalSteps=160),
    "d0-all-lr2e-3-1ep": variant(lora={"dropout": 0}, evalSteps=200),
    "d0-top20-bs8-lr3e-3-0.65": variant(lora={"topLayers": 20, "dropout": 0}, batchSize=8, learningRate=3e-3,
                                        epochs=0.65, evalSteps=260),
    "d0-top15-lr3e-3-1ep": variant(lora={"topLayers": 15, "dropout": 0}, learningRate=3e-3, evalSteps=200),
    # Round 5: without dropout and with eager attention (SDPA's CPU backward is slow) 20 blocks train at
    # ~7.7 reviews/s on 2 cores, 0.75 epoch in 15.5 minutes: that recipe's seed spread, and whether length
    # grouping (window 8 batches; 64 cost 10 points above) costs learning too.
    **{f"d0-top20-lr3e-3-0.75-seed{seed}": variant(lora={"topLayers": 20, "dropout": 0}, learningRate=3e-3,
                                                   epochs=0.75, evalSteps=150, seed=seed) for seed in (42, 1, 2)},
    "d0-top20-lr3e-3-0.75-nogroup": variant(lora={"topLayers": 20, "dropout": 0}, learningRate=3e-3, epochs=0.75,
                                            evalSteps=150, groupByLength=False),
    "d0-top20-lr3e-3-0.75-w4": variant(lora={"topLayers": 20, "dropout": 0}, learningRate=3e-3, epochs=0.75,
                                       evalSteps=150, lengthGroupWindow=4),
    "d0-top20-lr2e-3-1ep-nogroup": variant(lora={"topLayers": 20, "dropout": 0}, evalSteps=200, groupByLength=False),
    "d0-all-lr2e-3-1ep-nogroup": variant(lora={"dropout": 0}, evalSteps=200, groupByLength=False),
    "d0-top20-lr4e-3-0.75": variant(lora={"topLayers": 20, "dropout": 0}, learningRate=4e-3, epochs=0.75, evalSteps=150),
    "d0-top20-r16-lr3e-3-0.75": variant(lora={"topLayers": 20, "dropout": 0, "r": 16, "alpha": 32}, learningRate=3e-3,
                                        epochs=0.75, evalSteps=150),
    "d0-top10-lr3e-3-0.95": variant(lora={"topLayers": 10, "dropout": 0}, learningRate=3e-3, epochs=0.95, evalSteps=190),
    "d0-top20-lr3e-3-0.75-warm10": variant(lora={"topLayers": 20, "dropout": 0}, learningRate=3e-3, epochs=0.75,
                                           evalSteps=150, warmupRatio=0.1),
    "d0-top20-lr3e-3-0.75-nogroup-seed1": variant(lora={"topLayers": 20, "dropout": 0}, learningRate=3e-3, epochs=0.75,
                                                  evalSteps=150, groupByLength=False, seed=1),
    # Round 6: an AMD EPYC box (AVX512-BF16, no AMX) trains 20 blocks at ~5.2 reviews/s, so 20 minutes
    # there hold about half an epoch: that recipe's accuracy and seed spread.
    **{f"d0-top20-lr3e-3-0.5-seed{seed}": variant(lora={"topLayers": 20, "dropout": 0}, learningRate=3e-3,
                                                  epochs=0.5, evalSteps=150, seed=seed) for seed in (42, 1, 2)},
    **{f"d0-top20-lr4e-3-0.5-seed{seed}": variant(lora={"topLayers": 20, "dropout": 0}, learningRate=4e-3,
                                                  epochs=0.5, evalSteps=150, seed=seed) for seed in (42, 1)},
    "d0-top10-lr3e-3-0.6": variant(lora={"topLayers": 10, "dropout": 0}, learningRate=3e-3, epochs=0.6, evalSteps=180),
}


def run(name: str, spec_fields: dict, model: str, split: str, out: Path) -> dict:
    work = out / name
    work.mkdir(parents=True, exist_ok=True)
    spec = {"baseModelPath": model, "train": f"{split}/train.jsonl", "val": f"{split}/val.jsonl",
            "outputDir": str(work / "ckpt"), "adapterDir": str(work / "adapter"),
            "promptTemplate": spec_fields["template"], "labelWords": SMOLLM2_LABEL_WORDS,
            "lora": spec_fields["lora"], "training": spec_fields["training"]}
    (work / "spec.json").write_text(json.dumps(spec, indent=2, ensure_ascii=False))
    started = time.time()
    with open(work / "events.jsonl", "w") as events, open(work / "stderr.txt", "w") as errors:
        code = subprocess.call([sys.executable, "-m", "lora_trainer", "train", str(work / "spec.json")],
                               stdout=events, stderr=errors)
    evals, completed = [], None
    for line in (work / "events.jsonl").read_text().splitlines():
        record = json.loads(line) if line.startswith("{") else {}
        if record.get("event") == "eval":
            evals.append(record)
        if record.get("event") == "completed":
            completed = record
    test = Path(split) / "test.jsonl"
    tested = None
    if code == 0 and test.exists():  # the adapter on held-out rows, by generation as vLLM would answer
        summary = work / "test-summary.json"
        subprocess.call([sys.executable, "-m", "lora_trainer", "predict", "--base", model, "--adapter",
                         str(work / "adapter"), "--input", str(test), "--template", spec_fields["template"],
                         "--label-words", json.dumps(SMOLLM2_LABEL_WORDS), "--summary", str(summary)],
                        stdout=open(work / "test-rows.jsonl", "w"), stderr=subprocess.DEVNULL)
        tested = json.loads(summary.read_text()).get("accuracy") if summary.exists() else None
    batch = spec_fields["training"]["batchSize"]
    return {"test_accuracy": tested, "name": name, "code": code, "seconds": round(time.time() - started),
            "curve": [(e["step"] * batch, e.get("eval_accuracy"), e["eval_loss"]) for e in evals],
            "best": completed and completed.get("bestMetric")}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("model")
    parser.add_argument("split")
    parser.add_argument("out")
    parser.add_argument("--parallel", type=int, default=6)
    parser.add_argument("--only", help="comma-separated variant names")
    args = parser.parse_args()
    names = args.only.split(",") if args.only else list(VARIANTS)
    out = Path(args.out)
    with ThreadPoolExecutor(args.parallel) as pool:
        results = list(pool.map(lambda n: run(n, VARIANTS[n], args.model, args.split, out), names))
    for result in results:
        curve = "  ".join(f"{rows}:{acc:.3f}" for rows, acc, _ in result["curve"] if acc is not None)
        print(f"{result['name']:30s} exit {result['code']} {result['seconds']:4d}s test {result['test_accuracy']} "
              f"best {result['best']}  {curve}")
    (out / "summary.json").write_text(json.dumps(results, indent=1))


if __name__ == "__main__":
    os.environ.setdefault("OMP_NUM_THREADS", "2")
    main()
