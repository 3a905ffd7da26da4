"""The protocol's events from the Trainer's lifecycle hooks, and the stop flag turned into 'checkpoint
and stop' at the next step boundary (agreed by every DDP rank)."""
from __future__ import annotations

import time
from pathlib import Path

from transformers import TrainerCallback

from .distributed import any_rank
from .events import emit


class EventCallback(TrainerCallback):
    """Turns Trainer lifecycle hooks into protocol events (docs/trainer-protocol.md, event_types.py)."""

    def __init__(self, stop, info: dict):
        self.stop, self.info = stop, info
        self.trainer = None  # set after the Trainer exists, to read its sample/token counters
        self.session_start = None
        self.session_start_step = 0
        self.window_start = None
        self.window_samples = 0
        self.window_tokens = 0

    def on_train_begin(self, args, state, control, **kwargs):
        self.session_start = self.window_start = time.time()
        self.session_start_step = state.global_step  # > 0 when resuming
        emit("started", totalSteps=state.max_steps, **self.info)

    def on_step_end(self, args, state, control, **kwargs):
        if any_rank(self.stop.requested, args.device):
            # Log the partial window too, so a resumed run neither repeats nor skips a step.
            control.should_log = True
            control.should_save = True
            control.should_training_stop = True

    def on_log(self, args, state, control, logs=None, **kwargs):
        if not logs or "loss" not in logs:
            return  # eval metrics and the end-of-training summary have their own events
        now = time.time()
        elapsed = max(now - self.window_start, 1e-9)
        world = max(args.world_size, 1)
        samples = (self.trainer.seen_samples - self.window_samples) * world
        tokens = (self.trainer.seen_tokens - self.window_tokens) * world
        self.window_start, self.window_samples, self.window_tokens = now, self.trainer.seen_samples, self.trainer.seen_tokens
        done = state.global_step - self.session_start_step
        per_step = (now - self.session_start) / done if done > 0 else 0.0
        emit("log", step=state.global_step, epoch=round(state.epoch or 0.0, 4), loss=logs["loss"],
             grad_norm=logs.get("grad_norm"), learning_rate=logs.get("learning_rate"),
             samples_per_second=round(samples / elapsed, 3), tokens_per_second=round(tokens / elapsed, 1),
             eta_seconds=round(per_step * max(state.max_steps - state.global_step, 0), 1))

    def on_evaluate(self, args, state, control, metrics=None, **kwargs):
        if metrics and "eval_loss" in metrics:
            scored = {k: metrics[k] for k in ("eval_accuracy", "eval_macro_f1", "eval_confusion") if k in metrics}
            emit("eval", step=state.global_step, epoch=round(state.epoch or 0.0, 4), eval_loss=metrics["eval_loss"],
                 **scored)

    def on_save(self, args, state, control, **kwargs):
        emit("checkpoint", step=state.global_step,
             path=str(Path(args.output_dir).resolve() / f"checkpoint-{state.global_step}"))
