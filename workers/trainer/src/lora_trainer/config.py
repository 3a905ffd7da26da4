"""The training spec (see docs/trainer-protocol.md): dataclasses with defaults, loaded from
one JSON file and validated up front so a bad spec fails before any model is loaded."""
from __future__ import annotations

import json
import math
from dataclasses import MISSING, dataclass, field, fields
from pathlib import Path
from typing import Any

DEFAULT_TEMPLATE = "<s>[INST] 请判断下面商品评论的情感（积极/消极）：评论内容如下：\n{sentence} [/INST]"
DEFAULT_LABEL_WORDS = {"0": "消极", "1": "积极"}


class TrainerError(Exception):
    """An error that ends the run with a `failed` event carrying `code`."""

    def __init__(self, message: str, code: str):
        super().__init__(message)
        self.code = code


@dataclass
class LoraSpec:
    r: int = field(default=8, metadata={"help": "LoRA rank (vLLM accepts 1..512; keep within --max-lora-rank)"})
    alpha: float = field(default=16, metadata={"help": "LoRA scaling numerator (scale = alpha / r)"})
    dropout: float = field(default=0.05, metadata={"help": "dropout on the LoRA input"})
    targetModules: list[str] = field(default_factory=lambda: ["q_proj", "v_proj"],
                                     metadata={"help": "module names to adapt (Llama projections)"})


@dataclass
class TrainingSpec:
    learningRate: float = field(default=2e-4, metadata={"help": "peak learning rate (linear decay, warmup below)"})
    epochs: float = field(default=3, metadata={"help": "passes over the train split"})
    batchSize: int = field(default=4, metadata={"help": "samples per device per micro-batch"})
    gradientAccumulationSteps: int = field(default=1, metadata={"help": "micro-batches per optimizer step"})
    maxLength: int = field(default=512, metadata={"help": "max tokens per example; the sentence is cut, never the answer"})
    evalSteps: int = field(default=50, metadata={"help": "optimizer steps between eval-loss passes"})
    loggingSteps: int = field(default=10, metadata={"help": "optimizer steps between `log` events"})
    seed: int = field(default=42, metadata={"help": "seed for LoRA init, shuffling and dropout"})
    earlyStoppingPatience: int | None = field(default=None, metadata={"help": "evals without improvement before stopping; null = off"})
    quantization: str | None = field(default=None, metadata={"help": "null or '4bit' (QLoRA; needs CUDA + bitsandbytes)"})
    saveSteps: int | None = field(default=None, metadata={"help": "steps between checkpoints; null = evalSteps"})
    saveTotalLimit: int = field(default=2, metadata={"help": "checkpoints kept in outputDir (the best one is always kept)"})
    warmupRatio: float = field(default=0.03, metadata={"help": "fraction of steps spent warming the learning rate up"})
    weightDecay: float = field(default=0.0, metadata={"help": "AdamW weight decay on LoRA weights"})
    maxSteps: int | None = field(default=None, metadata={"help": "stop after this many steps (overrides epochs); null = off"})
    groupByLength: bool = field(default=True, metadata={"help": "batch examples of similar length (less padding), keeping each batch's class mix"})
    lengthGroupWindow: int = field(default=8, metadata={"help": "batches per length-sorted window when groupByLength: larger pads less, smaller mixes more"})
    packing: bool = field(default=False, metadata={"help": "lay each micro-batch's examples end to end in one row: no "
                                                   "padding, attention kept within each example (docs/performance.md); "
                                                   "batchSize still counts examples"})
    maxBatchTokens: int | None = field(default=None, metadata={"help": "with packing: at most this many tokens per "
                                                               "forward/backward pass (a batch is cut into passes, "
                                                               "one optimizer step); bounds GPU memory; null = off"})
    torchCompile: bool = field(default=False, metadata={"help": "torch.compile each transformer block (CUDA only, ignored "
                                                        "on the CPU; about a minute of compilation at the start)"})


@dataclass
class TrainSpec:
    baseModelPath: str
    train: str
    outputDir: str
    adapterDir: str
    jobId: str = ""
    val: str | None = None
    promptTemplate: str = DEFAULT_TEMPLATE
    labelWords: dict[str, str] = field(default_factory=lambda: dict(DEFAULT_LABEL_WORDS))
    lora: LoraSpec = field(default_factory=LoraSpec)
    training: TrainingSpec = field(default_factory=TrainingSpec)
    resumeFromCheckpoint: str | None = None


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


def _check(condition: bool, message: str) -> None:
    if not condition:
        raise TrainerError(message, "invalid_spec")


def _is_number(v: Any) -> bool:
    return isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v)


def _is_int(v: Any) -> bool:
    return isinstance(v, int) and not isinstance(v, bool)


def validate(spec: TrainSpec) -> TrainSpec:
    for name in ("baseModelPath", "train", "outputDir", "adapterDir"):
        _check(isinstance(getattr(spec, name), str) and getattr(spec, name), f"{name} must be a non-empty path")
    _check(spec.val is None or isinstance(spec.val, str), "val must be a path or null")
    _check(isinstance(spec.promptTemplate, str) and spec.promptTemplate.count("{sentence}") == 1,
           "promptTemplate must contain {sentence} exactly once")
    _check(isinstance(spec.labelWords, dict) and set(spec.labelWords) == {"0", "1"}
           and all(isinstance(w, str) and w.strip() for w in spec.labelWords.values())
           and spec.labelWords["0"] != spec.labelWords["1"],
           'labelWords must map "0" and "1" to two different non-empty words')
    lo, tr = spec.lora, spec.training
    _check(_is_int(lo.r) and 1 <= lo.r <= 512, "lora.r must be an integer in 1..512")
    _check(_is_number(lo.alpha) and lo.alpha > 0, "lora.alpha must be a positive number")
    _check(_is_number(lo.dropout) and 0 <= lo.dropout < 1, "lora.dropout must be in [0, 1)")
    _check(isinstance(lo.targetModules, list) and lo.targetModules and all(isinstance(m, str) and m for m in lo.targetModules),
           "lora.targetModules must be a non-empty list of module names")
    _check(_is_number(tr.learningRate) and 0 < tr.learningRate < 1, "training.learningRate must be in (0, 1)")
    _check(_is_number(tr.epochs) and tr.epochs > 0, "training.epochs must be positive")
    for name in ("batchSize", "gradientAccumulationSteps", "evalSteps", "loggingSteps", "saveTotalLimit"):
        _check(_is_int(getattr(tr, name)) and getattr(tr, name) >= 1, f"training.{name} must be an integer >= 1")
    _check(_is_int(tr.maxLength) and tr.maxLength >= 8, "training.maxLength must be an integer >= 8")
    _check(_is_int(tr.seed), "training.seed must be an integer")
    _check(tr.earlyStoppingPatience is None or (_is_int(tr.earlyStoppingPatience) and tr.earlyStoppingPatience >= 1),
           "training.earlyStoppingPatience must be null or an integer >= 1")
    _check(tr.quantization in (None, "4bit"), 'training.quantization must be null or "4bit"')
    _check(tr.saveSteps is None or (_is_int(tr.saveSteps) and tr.saveSteps >= 1), "training.saveSteps must be null or >= 1")
    _check(_is_number(tr.warmupRatio) and 0 <= tr.warmupRatio < 1, "training.warmupRatio must be in [0, 1)")
    _check(_is_number(tr.weightDecay) and tr.weightDecay >= 0, "training.weightDecay must be >= 0")
    _check(tr.maxSteps is None or (_is_int(tr.maxSteps) and tr.maxSteps >= 1), "training.maxSteps must be null or >= 1")
    _check(isinstance(tr.groupByLength, bool), "training.groupByLength must be true or false")
    _check(_is_int(tr.lengthGroupWindow) and tr.lengthGroupWindow >= 1, "training.lengthGroupWindow must be an integer >= 1")
    _check(isinstance(tr.packing, bool), "training.packing must be true or false")
    _check(isinstance(tr.torchCompile, bool), "training.torchCompile must be true or false")
    _check(tr.maxBatchTokens is None or (_is_int(tr.maxBatchTokens) and tr.maxBatchTokens >= tr.maxLength),
           "training.maxBatchTokens must be null or an integer >= training.maxLength (one example must fit)")
    _check(tr.maxBatchTokens is None or tr.packing, "training.maxBatchTokens needs training.packing: true")
    _check(spec.resumeFromCheckpoint is None or isinstance(spec.resumeFromCheckpoint, str),
           "resumeFromCheckpoint must be a path or null")
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
