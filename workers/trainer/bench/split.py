"""Seeded 80/10/10 split of a JSON array (or JSONL) of {sentence,label} into train/val/test.jsonl, for the
benches only: the product's splits are made once, stratified, by packages/domain (datasets/split.ts)
when a dataset is uploaded, and the worker exports them for the trainer. This plain shuffle is kept
because the measured figures in workers/trainer/README.md and docs/performance.md were taken on it.

    python3 workers/trainer/bench/split.py DATASET.json OUT_DIR [--seed 42]"""
from __future__ import annotations

import argparse
import json
import random
import sys
from pathlib import Path


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("dataset")
    parser.add_argument("out_dir")
    parser.add_argument("--seed", type=int, default=42)
    args = parser.parse_args()
    text = Path(args.dataset).read_text(encoding="utf-8")
    rows = json.loads(text) if text.lstrip().startswith("[") else [json.loads(l) for l in text.splitlines() if l.strip()]
    random.Random(args.seed).shuffle(rows)
    n = len(rows)
    n_train, n_val = int(n * 0.8), int(n * 0.1)
    parts = {"train": rows[:n_train], "val": rows[n_train:n_train + n_val], "test": rows[n_train + n_val:]}
    out = Path(args.out_dir)
    out.mkdir(parents=True, exist_ok=True)
    for name, part in parts.items():
        with (out / f"{name}.jsonl").open("w", encoding="utf-8") as fh:
            for r in part:
                fh.write(json.dumps({"sentence": r["sentence"], "label": r["label"]}, ensure_ascii=False) + "\n")
    print(f"split {n} rows: " + ", ".join(f"{k} {len(v)}" for k, v in parts.items()) + f" -> {out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
