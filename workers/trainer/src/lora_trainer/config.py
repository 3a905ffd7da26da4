"""The training spec (docs/trainer-protocol.md): dataclasses with defaults and rules, loaded from one
JSON file and validated up front so a bad spec fails before any model is loaded.

These dataclasses are the one source of the spec: generate_contract.py writes the JSON Schema and the
TypeScript zod schemas and hyperparameter table from them (a test fails when those are stale)."""
from __future__ import annotations

import json
from dataclasses import MISSING, dataclass, fields
from pathlib import Path
from typing import Any

from .contract import check_object, spec_field

# The one copy of the product's defaults: generate_contract.py carries them to the TypeScript side
# (packages/contracts/src/generated/trainer-contract.ts).
DEFAULT_TEMPLATE = "<s>[INST] 请判断下面商品评论的情感（积极/消极）：评论内容如下：\n{sentence} [/INST]"
DEFAULT_LABEL_WORDS = {"0": "消极", "1": "积极"}
DEMO_MODEL_ID = "demo-tiny-zh"
# SmolLM2-135M-Instruct (scripts/ensure-smollm2.sh): its own ChatML chat template around an English
# instruction, answered with English words: zero-shot it answers one of them 98% of the time, against
# 27% for 积极/消极 (workers/trainer/README.md). Without the chat template's default system prompt: its
# ~20 tokens are an eighth of an average review's prompt, time the CPU preset spends on reviews instead.
SMOLLM2_MODEL_ID = "smollm2-135m-instruct"
SMOLLM2_TEMPLATE = ("<|im_start|>user\nIs the sentiment of this Chinese product review positive or negative? "
                    "Answer with one word: Positive or Negative.\nReview: {sentence}<|im_end|>\n"
                    "<|im_start|>assistant\n")
SMOLLM2_LABEL_WORDS = {"0": "Negative", "1": "Positive"}
TARGET_MODULES = ("q_proj", "k_proj", "v_proj", "o_proj", "gate_proj", "up_proj", "down_proj")


class TrainerError(Exception):
    """An error that ends the run with a `failed` event carrying `code`."""

    def __init__(self, message: str, code: str):
        super().__init__(message)
        self.code = code


@dataclass
class LoraSpec:
    r: int = spec_field(8, api="loraR", minimum=1, maximum=256,
                        help="LoRA rank (vLLM serves up to its --max-lora-rank)")
    alpha: float = spec_field(16, api="loraAlpha", exclusiveMinimum=0, maximum=1024,
                              help="LoRA scaling numerator (scale = alpha / r)")
    dropout: float = spec_field(0.05, api="loraDropout", minimum=0, maximum=0.9, help="dropout on the LoRA input")
    targetModules: list[str] = spec_field(factory=lambda: ["q_proj", "v_proj"], api="targetModules", minItems=1,
                                          uniqueItems=True, itemEnum=list(TARGET_MODULES),
                                          help="module names to adapt (Llama projections)")
    topLayers: int | None = spec_field(None, api="loraTopLayers", minimum=1, maximum=1024,
                                       help="adapt only the last N transformer blocks (null = all): the backward "
                                            "then stops at the lowest adapted block, so a small model trains faster "
                                            "on the CPU (workers/trainer/README.md); at most the model's block count")


@dataclass
class TrainingSpec:
    learningRate: float = spec_field(2e-4, api="learningRate", exclusiveMinimum=0, exclusiveMaximum=1,
                                     help="peak learning rate (linear decay, warmup below)")
    epochs: float = spec_field(3, api="epochs", exclusiveMinimum=0, maximum=100, help="passes over the train split")
    batchSize: int = spec_field(4, api="batchSize", minimum=1, maximum=1024, help="samples per device per micro-batch")
    # 8: the tutorial's 4 x 8 recipe (API.md documents it); the worker's GPU path folds it into one packed batch.
    gradientAccumulationSteps: int = spec_field(8, api="gradientAccumulationSteps", minimum=1, maximum=1024,
                                                help="micro-batches per optimizer step")
    maxLength: int = spec_field(512, api="maxLength", minimum=32, maximum=32768,
                                help="max tokens per example; the sentence is cut, never the answer")
    evalSteps: int = spec_field(50, api="evalSteps", minimum=1, maximum=100000,
                                help="optimizer steps between eval-loss passes")
    loggingSteps: int = spec_field(10, minimum=1, help="optimizer steps between `log` events")
    seed: int = spec_field(42, api="seed", minimum=0, maximum=2**31 - 1,
                           help="seed for LoRA init, shuffling and dropout")
    earlyStoppingPatience: int | None = spec_field(None, api="earlyStoppingPatience", minimum=1, maximum=1000,
                                                   help="evals without improvement before stopping; null = off")
    metricForBestModel: str = spec_field("eval_accuracy", api="metricForBestModel", enum=["eval_accuracy", "eval_macro_f1", "eval_loss"],
                                         help="the validation metric that picks the published checkpoint and that "
                                              "early stopping watches (accuracy and macro-F1 from the label words' "
                                              "logits; loss: lower is better)")
    quantization: str | None = spec_field(None, enum=["4bit"], help="null or '4bit' (QLoRA; needs CUDA + bitsandbytes)")
    saveSteps: int | None = spec_field(None, minimum=1, help="steps between checkpoints; null = evalSteps")
    saveTotalLimit: int = spec_field(2, minimum=1, help="checkpoints kept in outputDir (the best one is always kept)")
    warmupRatio: float = spec_field(0.03, minimum=0, exclusiveMaximum=1,
                                    help="fraction of steps spent warming the learning rate up")
    weightDecay: float = spec_field(0.0, minimum=0, help="AdamW weight decay on LoRA weights")
    maxSteps: int | None = spec_field(None, minimum=1, help="stop after this many steps (overrides epochs); null = off")
    groupByLength: bool = spec_field(True, help="batch examples of similar length (less padding), keeping each "
                                                "batch's class mix")
    lengthGroupWindow: int = spec_field(8, minimum=1, help="batches per length-sorted window when groupByLength: "
                                                           "larger pads less, smaller mixes more")
    packing: bool = spec_field(False, help="lay each micro-batch's examples end to end in one row: no padding, "
                                           "attention kept within each example (docs/performance.md); batchSize "
                                           "still counts examples")
    maxBatchTokens: int | None = spec_field(None, minimum=32, atLeastField="maxLength", needsTrue="packing",
                                            help="with packing: at most this many tokens per forward/backward pass "
                                                 "(a batch is cut into passes, one optimizer step); bounds GPU "
                                                 "memory; null = off")
    torchCompile: bool = spec_field(False, api="torchCompile",
                                    help="torch.compile each transformer block (on a GPU or the CPU; tens of seconds "
                                         "to a minute of compilation at the start, repaid by longer runs)")
    fuseProjections: bool = spec_field(False, help="one matrix product for each Llama block's q/k/v projections and one "
                                                   "for gate/up, each projection's LoRA term added to its slice: the "
                                                   "same arithmetic in fewer, wider products (docs/performance.md). "
                                                   "Llama-architecture blocks with plain bf16/fp32 base layers only; "
                                                   "others (and FP8 or 4-bit base layers) run unfused")
    cpuBf16: bool = spec_field(True, help="on a CPU with native bf16 products (Intel AMX, AVX512-BF16 as on AMD Zen 4), matrix "
                                          "products in bfloat16 under autocast, weights and optimizer in float32: "
                                          "faster than float32 (bench/cpu_precision.py, workers/trainer/README.md); "
                                          "false = float32. Ignored on GPUs and on CPUs without native bf16")
    fp8: bool = spec_field(False, help="FP8 (e4m3) for the frozen base weights' input-gradient products, the forward, "
                                       "LoRA and the optimizer staying bf16/fp32 (CUDA with compute capability "
                                       ">= 8.9 only, refused elsewhere; not with quantization). 1.1x faster on an "
                                       "H100 at bf16's memory, learning within ~0.01 nats of bf16 on a 7B shape "
                                       "(docs/performance.md)")


@dataclass
class TrainSpec:
    baseModelPath: str = spec_field(help="directory of the base model (config.json, weights, tokenizer)", minLength=1)
    train: str = spec_field(help="JSONL file of {sentence, label} training rows", minLength=1)
    outputDir: str = spec_field(help="where checkpoints go", minLength=1)
    adapterDir: str = spec_field(help="where the finished adapter goes", minLength=1)
    jobId: str = spec_field("", help="the dashboard's job id (logs only)")
    val: str | None = spec_field(None, minLength=1, help="JSONL file of validation rows; null = no evaluation")
    promptTemplate: str = spec_field(DEFAULT_TEMPLATE, containsOnce="{sentence}",
                                     help="the prompt; the trainer cuts only the {sentence} part to fit maxLength")
    labelWords: dict[str, str] = spec_field(factory=lambda: dict(DEFAULT_LABEL_WORDS), minProperties=2,
                                            maxProperties=100, distinctValues=True,
                                            help="each label (as a string) to the word the model answers")
    lora: LoraSpec = spec_field(factory=LoraSpec, help="the adapter's shape")
    training: TrainingSpec = spec_field(factory=TrainingSpec, help="the optimisation")
    resumeFromCheckpoint: str | None = spec_field(None, minLength=1, help="checkpoint directory to resume from")


def _build(cls, data: Any, where: str):
    """Builds dataclass `cls` from a dict, refusing unknown keys and wrong types (so typos fail loudly)."""
    if not isinstance(data, dict):
        raise TrainerError(f"spec field {where or 'root'} must be an object", "invalid_spec")
    known = {f.name: f for f in fields(cls)}
    unknown = sorted(set(data) - set(known))
    if unknown:
        raise TrainerError(f"unknown spec field(s) {', '.join(where + k for k in unknown)}", "invalid_spec")
    kwargs = {}
    for name, value in data.items():
        if name == "lora":
            value = _build(LoraSpec, value, "lora.")
        elif name == "training":
            value = _build(TrainingSpec, value, "training.")
        kwargs[name] = value
    try:
        return cls(**kwargs)
    except TypeError as exc:  # a required field is missing
        missing = [f.name for f in fields(cls)
                   if f.name not in data and f.default is MISSING and f.default_factory is MISSING]
        raise TrainerError(f"spec is missing required field(s) {', '.join(where + m for m in missing)}",
                           "invalid_spec") from exc


def _fail(message: str) -> None:
    raise TrainerError(message, "invalid_spec")


def validate(spec: TrainSpec) -> TrainSpec:
    """Every field against the rules declared on it (contract.py), the same rules the worker's
    generated zod schema checks before it writes the spec."""
    check_object(spec, "", _fail)
    return spec


def load_spec(path: str | Path) -> TrainSpec:
    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError as exc:
        raise TrainerError(f"cannot read spec file {path}: {exc.strerror}", "invalid_spec") from exc
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise TrainerError(f"spec file {path} is not valid JSON: {exc}", "invalid_spec") from exc
    return validate(_build(TrainSpec, data, ""))
