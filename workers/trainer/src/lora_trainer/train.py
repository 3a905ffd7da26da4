"""`main(spec)`: LoRA fine-tuning with the Hugging Face Trainer, reporting through TrainerCallbacks.

Why HF Trainer rather than a custom loop: it already does DDP under torchrun, checkpoint + exact
resume (optimizer, scheduler, RNG, data position), best-checkpoint tracking and save_total_limit.
We subclass `compute_loss` so the LM head runs on answer positions alone, and `training_step` /
`prediction_step` so a packed batch cut by the token budget runs as several passes of one step
(answer_only_trainer.py, packing.py). Events come from event_callback.py.
"""
from __future__ import annotations

import json
import os
import signal
import threading
from pathlib import Path

from .config import TrainerError, TrainSpec
from .data import ExampleDataset, PadCollator, PromptEncoder, read_jsonl
from .devices import cpu_bf16_autocast, pick_device
from .distributed import any_rank, wait_for_all_ranks
from .events import emit
from .fp8 import check_fp8_device, convert_frozen_linears
from .fused_projections import fuse_projections
from .packing import PackCollator, compile_decoder_layers, use_varlen_attention

EXIT_CANCELLED = 143


class StopFlag:
    """Set by SIGTERM; the callback turns it into 'checkpoint and stop' at the next step boundary."""

    def __init__(self):
        self.requested = False

    def install(self) -> None:
        signal.signal(signal.SIGTERM, self._handle)
        # The worker keeps our stdin open as a lifeline: if it dies, even by SIGKILL, the pipe
        # closes and we stop as on SIGTERM (checkpoint, exit 143) instead of training orphaned.
        if os.environ.get("LORA_TRAINER_STOP_ON_STDIN_EOF") == "1":
            threading.Thread(target=self._stop_on_stdin_eof, name="stdin-lifeline", daemon=True).start()

    def _stop_on_stdin_eof(self) -> None:
        # os.read on the raw descriptor, not sys.stdin: a daemon thread blocked inside the buffered
        # reader holds its lock and aborts the interpreter at exit ("could not acquire lock").
        try:
            while os.read(0, 4096):
                pass
        except OSError:
            pass
        self.requested = True

    def _handle(self, signum, frame) -> None:
        self.requested = True


def load_base(path: str, quantization: str | None):
    """Tokenizer + model from a local directory, offline; pad token added when the model has none."""
    import torch
    from transformers import AutoModelForCausalLM, AutoTokenizer

    model_dir = Path(path)
    if not model_dir.is_dir():
        raise TrainerError(f"base model directory {path} does not exist", "model_not_found")
    if not (model_dir / "config.json").is_file():
        raise TrainerError(f"base model directory {path} has no config.json", "model_not_found")
    device, dtype = pick_device()
    kwargs = {"dtype": dtype, "local_files_only": True}
    if quantization == "4bit":
        if device != "cuda":
            raise TrainerError("4-bit quantization (QLoRA) needs a CUDA GPU; none is available", "quantization_unavailable")
        try:
            import bitsandbytes  # noqa: F401
        except ImportError as exc:
            raise TrainerError("4-bit quantization (QLoRA) needs the bitsandbytes package, which is not installed",
                               "quantization_unavailable") from exc
        from transformers import BitsAndBytesConfig
        kwargs["quantization_config"] = BitsAndBytesConfig(
            load_in_4bit=True, bnb_4bit_quant_type="nf4", bnb_4bit_compute_dtype=dtype, bnb_4bit_use_double_quant=True)
    try:
        tokenizer = AutoTokenizer.from_pretrained(str(model_dir), local_files_only=True)
        model = AutoModelForCausalLM.from_pretrained(str(model_dir), **kwargs)
    except (OSError, ValueError) as exc:
        raise TrainerError(f"cannot load the model in {path}: {exc}", "model_not_found") from exc
    if tokenizer.pad_token_id is None:
        # Padding positions are masked out of attention and loss, so any existing token will do.
        tokenizer.pad_token = tokenizer.eos_token if tokenizer.eos_token is not None else tokenizer.unk_token
    if getattr(model.config, "pad_token_id", None) is None:
        model.config.pad_token_id = tokenizer.pad_token_id
    if quantization == "4bit":
        from peft import prepare_model_for_kbit_training
        model = prepare_model_for_kbit_training(model)
    return tokenizer, model, device, dtype


def _training_arguments(spec: TrainSpec, has_val: bool, device: str, dtype):
    import torch
    from transformers import TrainingArguments

    tr = spec.training
    save_steps = tr.saveSteps or tr.evalSteps
    if has_val and save_steps % tr.evalSteps != 0:
        raise TrainerError("training.saveSteps must be a multiple of training.evalSteps (the best checkpoint is "
                           "chosen at evaluations)", "invalid_spec")
    kwargs = dict(
        output_dir=spec.outputDir,
        per_device_train_batch_size=tr.batchSize,
        per_device_eval_batch_size=tr.batchSize * 2,  # no gradients: twice the batch fits
        gradient_accumulation_steps=tr.gradientAccumulationSteps,
        learning_rate=tr.learningRate,
        num_train_epochs=tr.epochs,
        max_steps=tr.maxSteps or -1,
        lr_scheduler_type="linear",
        warmup_steps=tr.warmupRatio,  # a float below 1 is a ratio of the total steps
        weight_decay=tr.weightDecay,
        logging_strategy="steps",
        # Off: its isnan() check on every step's loss is a device-to-host sync, after which the GPU
        # idles until the host queues the next step (docs/performance.md); a non-finite loss still
        # shows in the `log` event, as null (events._clean).
        logging_nan_inf_filter=False,
        logging_steps=tr.loggingSteps,
        eval_strategy="steps" if has_val else "no",
        eval_steps=tr.evalSteps,
        save_strategy="steps",
        save_steps=save_steps,
        save_total_limit=tr.saveTotalLimit,
        load_best_model_at_end=has_val,
        # The published adapter is the best checkpoint's by this metric; early stopping watches it too.
        # accuracy and macro-F1 with ties broken by the lower eval loss (AnswerOnlyTrainer.evaluation_loop)
        metric_for_best_model=tr.metricForBestModel + ("" if tr.metricForBestModel == "eval_loss" else "_then_loss"),
        greater_is_better=tr.metricForBestModel != "eval_loss",
        bf16=(device == "cuda" and dtype == torch.bfloat16) or cpu_bf16_autocast(spec, device),
        fp16=(device == "cuda" and dtype == torch.float16),
        use_cpu=(device == "cpu"),
        seed=tr.seed,
        data_seed=tr.seed,
        report_to="none",
        disable_tqdm=True,
        remove_unused_columns=False,
        label_names=["labels"],
        prediction_loss_only=True,
        dataloader_num_workers=0,
        ddp_find_unused_parameters=False,
    )
    # Length grouping is the trainer subclass's own sampler (_get_train_sampler); HF's stays at its
    # default, off.
    args = TrainingArguments(**kwargs)
    # One process trains on one GPU; several GPUs are torchrun's ranks (DDP). Left alone, a process
    # that sees several GPUs (run by hand on a multi-GPU host, without CUDA_VISIBLE_DEVICES) gets
    # nn.DataParallel, which splits every batch along its first dimension and so cuts a packed row
    # (one row, [1, T]) apart from its labels: seen on a 2-GPU H200 host as "Expected input batch_size
    # (42) to match target batch_size (84)".
    if args.n_gpu > 1:
        args._n_gpu = 1
    return args


def _write_adapter(model, spec: TrainSpec) -> None:
    """Saves the adapter the way vLLM loads it and double-checks the fields vLLM refuses."""
    adapter_dir = Path(spec.adapterDir)
    adapter_dir.mkdir(parents=True, exist_ok=True)
    model.save_pretrained(str(adapter_dir), safe_serialization=True)
    config_path = adapter_dir / "adapter_config.json"
    config = json.loads(config_path.read_text(encoding="utf-8"))
    # vLLM matches the adapter to the base it serves by this path.
    config["base_model_name_or_path"] = str(Path(spec.baseModelPath).resolve())
    config["bias"] = "none"
    config["modules_to_save"] = None
    config["use_dora"] = False
    config_path.write_text(json.dumps(config, indent=2, ensure_ascii=False), encoding="utf-8")
    if not (adapter_dir / "adapter_model.safetensors").is_file():
        raise TrainerError(f"adapter was not written as safetensors in {adapter_dir}", "internal_error")


def check_fp8(spec: TrainSpec, device: str) -> None:
    """training.fp8 needs FP8 tensor cores; checked before the model is loaded, and again where it is used."""
    if not spec.training.fp8:
        return
    if spec.training.quantization:
        raise TrainerError("training.fp8 and training.quantization both replace the base weights; choose one",
                           "invalid_spec")
    reason = check_fp8_device(device)
    if reason:
        raise TrainerError(reason, "quantization_unavailable")


def top_layers(model, count: int | None) -> list[int] | None:
    """The indices of the last `count` transformer blocks, for peft's layers_to_transform (None = all)."""
    if count is None:
        return None
    blocks = model.config.num_hidden_layers
    if count > blocks:
        raise TrainerError(f"lora.topLayers is {count} but the model has {blocks} transformer blocks; "
                           f"use at most {blocks}", "invalid_spec")
    return list(range(blocks - count, blocks))


def build_trainer(spec: TrainSpec, tokenizer, model, device: str, dtype, train_rows: list[dict], val_rows: list[dict]):
    """Examples, LoRA, speed options and the Trainer for one job; returns (trainer, the `started` info).

    Split from `main` so bench/gpu_speed.py times exactly this path on a model built in memory."""
    from peft import LoraConfig, get_peft_model

    tr = spec.training
    encoder = PromptEncoder(tokenizer, spec.promptTemplate, spec.labelWords)
    train_set = ExampleDataset([encoder.example(r["sentence"], r["label"], tr.maxLength) for r in train_rows])
    # Evaluation order changes nothing but padding: sorted by length, eval batches barely pad.
    val_examples = sorted((encoder.example(r["sentence"], r["label"], tr.maxLength) for r in val_rows),
                          key=lambda example: len(example["input_ids"]))
    val_set = ExampleDataset(val_examples) if val_examples else None

    if tr.packing:
        use_varlen_attention(model)  # before PEFT wraps it: the attention choice lives in the base's config
        # multiple of 64 on a GPU: aligned matrix shapes for the packed row
        collator = PackCollator(tokenizer.pad_token_id, tr.maxLength, 64 if device == "cuda" else None, tr.maxBatchTokens)
    else:
        if device == "cpu" and hasattr(model, "set_attn_implementation"):
            # SDPA's arithmetic as plain matrix products: SDPA's CPU flash backward took a quarter of a
            # SmolLM2 step on 2 cores; this trains 1.15x faster (bench/profile_cpu_step.py --attn).
            model.set_attn_implementation("eager")
        collator = PadCollator(tokenizer.pad_token_id, 8 if device == "cuda" else None)

    lora = spec.lora
    try:
        model = get_peft_model(model, LoraConfig(
            r=lora.r, lora_alpha=lora.alpha, lora_dropout=lora.dropout, target_modules=lora.targetModules,
            layers_to_transform=top_layers(model, lora.topLayers), bias="none", task_type="CAUSAL_LM"))
    except ValueError as exc:
        raise TrainerError(f"cannot apply LoRA to {lora.targetModules}: {exc}", "invalid_spec") from exc
    trainable = sum(p.numel() for p in model.parameters() if p.requires_grad)
    total = sum(p.numel() for p in model.parameters())
    if tr.fp8:  # after PEFT (its base layers are replaced too), before compiling
        check_fp8(spec, device)
        # FP8 in the input gradient only: FP8 in the forward cost ~0.1 nats on the 7B shape, the
        # gradient's rounding did not; lean: no stored e4m3 copy, peak memory as bf16's (docs/performance.md)
        convert_frozen_linears(model, mode="gradient", lean=True)

    args = _training_arguments(spec, val_set is not None, device, dtype)
    info = {"trainSamples": len(train_set), "valSamples": len(val_set) if val_set else 0, "device": device,
            "dtype": str(dtype).replace("torch.", ""), "autocast": "bfloat16" if args.bf16 and device == "cpu" else None,
            "trainableParams": trainable, "totalParams": total}
    from .answer_only_trainer import AnswerOnlyTrainer
    from .label_scoring import LabelScorer
    trainer = AnswerOnlyTrainer(
        model=model, args=args, train_dataset=train_set, eval_dataset=val_set,
        data_collator=collator, processing_class=tokenizer,
        train_classes=[str(r["label"]) for r in train_rows],
        length_group_window=tr.lengthGroupWindow if tr.groupByLength else None,
        balance_ranks=tr.packing)
    if val_rows:
        trainer.label_scorer = LabelScorer(encoder, val_rows, tr.maxLength)
    # Both after the Trainer has moved the model to its device. Moved later, the fused tensor and the
    # projections' weights (views of it) would be copied apart, doubling those weights' memory. Fusing
    # leaves FP8's layers (converted above) alone; compiling traces the fused forwards.
    if tr.fuseProjections:
        fuse_projections(model)
    if tr.torchCompile:
        compile_decoder_layers(model)
    return trainer, info


def best_checkpoint(state, metric: str) -> tuple[int | None, float | None]:
    """(step, metric) of the checkpoint load_best_model_at_end restored: the adapter's. HF tracks the
    best step at every evaluation but can load only a saved one, so the step is read from the
    checkpoint's name and its metric from the log history."""
    if not state.best_model_checkpoint:
        return None, None
    step = int(Path(state.best_model_checkpoint).name.rsplit("-", 1)[-1])
    values = [entry[metric] for entry in state.log_history if entry.get("step") == step and metric in entry]
    return step, values[-1] if values else None


def main(spec: TrainSpec, stop: StopFlag | None = None) -> int:
    """Runs one training job; returns the process exit code. Events go to stdout via `emit`."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    stop = stop or StopFlag()

    train_rows = read_jsonl(spec.train, spec.labelWords)
    if not train_rows:
        raise TrainerError(f"training dataset {spec.train} has no rows", "empty_dataset")
    val_rows = read_jsonl(spec.val, spec.labelWords) if spec.val else []
    if spec.resumeFromCheckpoint and not Path(spec.resumeFromCheckpoint).is_dir():
        raise TrainerError(f"checkpoint {spec.resumeFromCheckpoint} does not exist", "checkpoint_not_found")

    import torch
    import transformers
    from transformers import EarlyStoppingCallback, set_seed

    transformers.logging.set_verbosity_warning()
    set_seed(spec.training.seed)
    check_fp8(spec, pick_device()[0])
    tokenizer, model, device, dtype = load_base(spec.baseModelPath, spec.training.quantization)

    trainer, info = build_trainer(spec, tokenizer, model, device, dtype, train_rows, val_rows)
    from .event_callback import EventCallback
    events = EventCallback(stop, info)
    trainer.add_callback(events)
    events.trainer = trainer
    if spec.training.earlyStoppingPatience and val_rows:
        trainer.add_callback(EarlyStoppingCallback(early_stopping_patience=spec.training.earlyStoppingPatience))

    try:
        result = trainer.train(resume_from_checkpoint=spec.resumeFromCheckpoint)
    except torch.OutOfMemoryError as exc:
        raise TrainerError(f"out of memory: lower training.batchSize or training.maxLength ({exc})", "out_of_memory") from exc

    # A SIGTERM that lands after the last step changes nothing: the run is complete.
    if any_rank(stop.requested, trainer.args.device) and trainer.state.global_step < trainer.state.max_steps:
        emit("failed", error="training was cancelled; a checkpoint was saved to resume from", code="cancelled")
        return EXIT_CANCELLED
    if trainer.is_world_process_zero():
        _write_adapter(trainer.model, spec)
    wait_for_all_ranks()  # no rank reports or exits before the adapter is written
    best_step, best_metric = best_checkpoint(trainer.state, spec.training.metricForBestModel)
    emit("completed", adapterDir=str(Path(spec.adapterDir).resolve()), steps=trainer.state.global_step,
         runtimeSeconds=round(result.metrics.get("train_runtime", 0.0), 2), trainLoss=result.training_loss,
         bestStep=best_step, bestMetric=best_metric)
    return 0
