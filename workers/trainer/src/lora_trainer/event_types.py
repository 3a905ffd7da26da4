"""The JSON-line events the trainer prints (docs/trainer-protocol.md), one dataclass each: the one
source of the event schema (generate_contract.py writes the JSON Schema and the worker's zod from
them). Every event also carries `event` (its name) and `time` (unix seconds); `emit` adds both."""
from __future__ import annotations

from dataclasses import dataclass

from .contract import spec_field

FAILURE_CODES = ["invalid_spec", "model_not_found", "invalid_model", "dataset_not_found", "invalid_dataset",
                 "empty_dataset", "checkpoint_not_found", "quantization_unavailable", "out_of_memory", "cancelled",
                 "internal_error"]


def _count(help: str, minimum: int = 1):
    return spec_field(help=help, minimum=minimum)


@dataclass
class Started:
    totalSteps: int = _count("optimizer steps of the whole run")
    trainSamples: int = _count("training examples")
    valSamples: int = _count("validation examples", 0)
    device: str = spec_field(help="where it trains", enum=["cpu", "cuda"])
    dtype: str = spec_field(help="the weights' dtype", enum=["float32", "bfloat16", "float16"])
    trainableParams: int = _count("parameters the adapter trains")
    totalParams: int = _count("parameters of base model plus adapter")
    autocast: str | None = spec_field(None, enum=["bfloat16"], help="the matrix products' dtype where it differs "
                                                                    "from the weights' (bf16 autocast on a CPU with native bf16 products)")


@dataclass
class Log:
    step: int = _count("optimizer step")
    epoch: float = spec_field(help="epochs done (fractional)", minimum=0)
    loss: float | None = spec_field(help="mean training loss since the last log; null when not finite")
    grad_norm: float | None = spec_field(help="gradient norm; null when not finite or not computed")
    learning_rate: float = spec_field(help="the learning rate now", minimum=0)
    samples_per_second: float = spec_field(help="training examples per second since the last log", minimum=0)
    tokens_per_second: float = spec_field(help="tokens per second since the last log", minimum=0)
    eta_seconds: float = spec_field(help="estimated seconds left", minimum=0)


@dataclass
class Eval:
    step: int = _count("optimizer step")
    epoch: float = spec_field(help="epochs done (fractional)", minimum=0)
    eval_loss: float | None = spec_field(help="validation loss; null when not finite")
    eval_accuracy: float | None = spec_field(None, minimum=0, maximum=1,
                                             help="validation accuracy, each example's class the label word of "
                                                  "highest log-probability after the prompt (no generation)")
    eval_macro_f1: float | None = spec_field(None, minimum=0, maximum=1,
                                             help="macro-F1 of those predictions over the classes present")
    eval_confusion: list[list[int]] | None = spec_field(None, help="counts [true class][predicted class], "
                                                                    "classes in labelWords order")


@dataclass
class Checkpoint:
    step: int = _count("optimizer step")
    path: str = spec_field(help="the checkpoint directory", minLength=1)


@dataclass
class Completed:
    adapterDir: str = spec_field(help="where the adapter was written", minLength=1)
    steps: int = _count("optimizer steps done")
    runtimeSeconds: float = spec_field(help="training time", minimum=0)
    trainLoss: float | None = spec_field(help="mean training loss of the run")
    bestStep: int | None = spec_field(None, minimum=1, help="the step of the checkpoint the adapter is; null "
                                                             "without a validation split")
    bestMetric: float | None = spec_field(None, help="that checkpoint's value of training.metricForBestModel")


@dataclass
class Failed:
    error: str = spec_field(help="what went wrong, for people", minLength=1)
    code: str = spec_field(help="what went wrong, for programs", enum=FAILURE_CODES)


EVENTS: dict[str, type] = {"started": Started, "log": Log, "eval": Eval, "checkpoint": Checkpoint,
                           "completed": Completed, "failed": Failed}
