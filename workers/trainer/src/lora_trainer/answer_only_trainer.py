"""The Hugging Face Trainer as this product needs it: loss on answer tokens only (the LM head runs
just where an answer token is predicted), our samplers (length grouping that keeps the class mix,
token-balanced DDP ranks), and packed batches cut by the token budget run as several passes of one
optimizer step (packing.py). Imported by train.build_trainer once torch and transformers are wanted."""
from __future__ import annotations

import contextlib
import math

import torch
import torch.nn.functional as F
from transformers import Trainer

from .data import LengthGroupedSampler, RankBalancedSampler


class AnswerOnlyTrainer(Trainer):
    """Loss on answer tokens only, computing the LM head just where an answer token is predicted.

    The vocabulary projection is a large share of a small model's FLOPs; prompts are ~95% of the
    tokens and their logits are thrown away, so we pass `logits_to_keep` = the positions that
    predict an answer token in any row (length-grouped batches keep this set small). Packed batches
    (packing.py) carry those positions precomputed, and their own sample and token counts."""

    # Off only in bench/gpu_speed.py, to measure what computing every position's logits costs.
    answer_logits_only = True

    def __init__(self, *args, train_classes: list | None = None, length_group_window: int | None = None,
                 balance_ranks: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        # Under DDP, random batches split between the ranks by tokens (data.rank_balanced_order):
        # for packed batches, whose cost is their token count.
        self.balance_ranks = balance_ranks
        # Length grouping (None = random batches): see data.length_grouped_order for why it is ours.
        self.train_classes = train_classes
        self.length_group_window = length_group_window
        # Our loss is a sum divided by num_items_in_batch, so gradient accumulation is exact.
        self.model_accepts_loss_kwargs = True
        self.seen_samples = 0
        self.seen_tokens = 0
        # Set by train.build_trainer when there is a validation split: accuracy from logits per eval.
        self.label_scorer = None

    def evaluation_loop(self, dataloader, description, prediction_loss_only=None, ignore_keys=None,
                        metric_key_prefix="eval"):
        """Every validation example scored by its label words' log-probabilities (label_scoring.py):
        `eval_accuracy`, `eval_macro_f1` and `eval_confusion` join the metrics before the Trainer picks
        the best checkpoint and the callbacks see them. Where the words differ in their first token
        the same pass gives the eval loss, so the Trainer's own loss pass is skipped: one forward per
        example instead of two (half of a CPU run's validation time). Under DDP each rank scores
        every world-th example and the sums are reduced."""
        scorer, args = self.label_scorer, self.args
        if scorer is None:
            return super().evaluation_loop(dataloader, description, prediction_loss_only, ignore_keys, metric_key_prefix)
        from transformers.trainer_utils import EvalLoopOutput
        from .label_scoring import metrics
        indices = list(range(args.process_index, len(scorer.prompts), args.world_size))
        model = self.accelerator.unwrap_model(self.model)
        was_training = model.training
        model.eval()
        with self.compute_loss_context_manager():
            predictions, loss_sum, tokens = scorer.evaluate(model, self.data_collator, indices,
                                                            args.per_device_eval_batch_size, args.device)
        model.train(was_training)
        if loss_sum is None:
            output = super().evaluation_loop(dataloader, description, prediction_loss_only, ignore_keys,
                                             metric_key_prefix)
        else:
            totals = torch.tensor([loss_sum, tokens], dtype=torch.float64, device=args.device)
            if args.world_size > 1:
                torch.distributed.all_reduce(totals)
            output = EvalLoopOutput(predictions=None, label_ids=None, num_samples=len(scorer.prompts),
                                    metrics={f"{metric_key_prefix}_loss": float(totals[0] / totals[1])})
        confusion = scorer.confusion(predictions, indices).to(args.device)
        if args.world_size > 1:
            torch.distributed.all_reduce(confusion)
        confusion = confusion.cpu()
        result = metrics(confusion)
        output.metrics[f"{metric_key_prefix}_accuracy"] = round(result["accuracy"], 6)
        output.metrics[f"{metric_key_prefix}_macro_f1"] = round(result["macro_f1"], 6)
        output.metrics[f"{metric_key_prefix}_confusion"] = confusion.tolist()
        # What the best checkpoint and early stopping compare (train._training_arguments): ties in
        # accuracy are common while a model is still at chance, and HF keeps the first checkpoint of
        # a tie, one that may not yet answer with a label word at all (seen: the journey's adapter
        # came from step 5 of 20 and generated 0% valid answers). The lower eval loss breaks a tie,
        # by less than one example's worth of accuracy.
        loss = output.metrics.get(f"{metric_key_prefix}_loss")
        tie_break = 1e-7 / (1 + loss) if isinstance(loss, float) and math.isfinite(loss) and loss >= 0 else 0.0
        for name in ("accuracy", "macro_f1"):
            output.metrics[f"{metric_key_prefix}_{name}_then_loss"] = result[name] + tie_break
        return output

    def _get_train_sampler(self, train_dataset=None):
        dataset = train_dataset if train_dataset is not None else self.train_dataset
        lengths = [len(example["input_ids"]) for example in dataset.examples]
        if self.length_group_window is not None and self.train_classes is not None:
            return LengthGroupedSampler(lengths, self.train_classes, self.args.train_batch_size, self.length_group_window)
        if self.args.world_size > 1 and self.balance_ranks:
            return RankBalancedSampler(lengths, self.args.train_batch_size, self.args.world_size, self.args.seed)
        return super()._get_train_sampler(train_dataset)

    def training_step(self, model, inputs, num_items_in_batch=None):
        """A batch cut into chunks by the token budget (PackCollator.max_tokens): one forward/backward
        per chunk, each chunk's loss divided by the whole batch's answer-token count, so the summed
        gradient is the batch's. Under DDP only the last chunk's backward all-reduces (ranks may cut
        their batches into different numbers of chunks)."""
        chunks = inputs.get("chunks")
        if chunks is None:
            return super().training_step(model, inputs, num_items_in_batch)
        total = 0.0
        for i, chunk in enumerate(chunks):
            last = i == len(chunks) - 1
            with contextlib.nullcontext() if last else self.accelerator.no_sync(model):
                total = total + super().training_step(model, chunk, num_items_in_batch)
        return total

    def prediction_step(self, model, inputs, prediction_loss_only, ignore_keys=None):
        chunks = inputs.get("chunks")
        if chunks is None:
            return super().prediction_step(model, inputs, prediction_loss_only, ignore_keys)
        # Not super().prediction_step per chunk: it all-gathers the chunk's answer-token count
        # across ranks on every call, and ranks cut their batches into different numbers of chunks,
        # so the gathers would not pair up (two H200s hung at the first evaluation; gloo crashes).
        # Each chunk's loss is its own mean: weighted by its answer tokens, the batch's mean.
        counts = [int((c["labels"][:, 1:] != -100).sum()) for c in chunks]
        loss = 0.0
        with torch.no_grad(), self.compute_loss_context_manager():
            for chunk, count in zip(chunks, counts):
                loss = loss + self.compute_loss(model, self._prepare_inputs(chunk)).detach() * count
        return loss / max(sum(counts), 1), None, None

    def compute_loss(self, model, inputs, return_outputs=False, num_items_in_batch=None):
        labels = inputs["labels"]
        targets = labels[:, 1:]
        packed = "cu_seq_lens_q" in inputs
        if packed:
            # Counts and positions come from the collator (CPU): no device-to-host sync here.
            samples, tokens = inputs["num_samples"], inputs["num_real_tokens"]
            keep = inputs["answer_positions"]
            model_inputs = {k: inputs[k] for k in ("input_ids", "position_ids", "cu_seq_lens_q", "cu_seq_lens_k",
                                                   "max_length_q", "max_length_k")}
        else:
            mask = inputs["attention_mask"]
            samples, tokens = labels.shape[0], mask.sum()
            keep = (targets != -100).any(dim=0).nonzero().squeeze(-1)
            model_inputs = {"input_ids": inputs["input_ids"], "attention_mask": mask}
        if model.training:
            self.seen_samples += samples
            self.seen_tokens += int(tokens)
        if not self.answer_logits_only:
            keep = torch.arange(targets.shape[1], device=targets.device)
        out = model(**model_inputs, logits_to_keep=keep, use_cache=False)
        logits = out.logits.float()  # [batch, len(keep), vocab]
        picked = targets[:, keep]
        loss_sum = F.cross_entropy(logits.reshape(-1, logits.shape[-1]), picked.reshape(-1),
                                   ignore_index=-100, reduction="sum")
        count = num_items_in_batch if num_items_in_batch is not None else (picked != -100).sum()
        loss = loss_sum / count
        if self.args.average_tokens_across_devices and num_items_in_batch is not None:
            # num_items_in_batch is the count over all ranks; DDP averages gradients over ranks.
            loss = loss * self.accelerator.num_processes
        return (loss, {"logits": logits}) if return_outputs else loss
