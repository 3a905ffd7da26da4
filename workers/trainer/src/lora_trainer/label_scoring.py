"""Validation accuracy from logits: every validation example scored by the model's log-probability of
each class's label word after the prompt, with no generation. The class with the highest score is the
prediction, so there are no invalid answers; the confusion is over the labelWords classes only.

When every word starts with a different token, one position decides: the log-probability of each
word's first token after the prompt (one sequence per example). Otherwise each word is scored in
full, the sum of its tokens' log-probabilities (one sequence per example and class). Sequences go
through the trainer's own collator (padded or packed), so the model sees the layout it trains on."""
from __future__ import annotations

import torch

from .data import IGNORE_INDEX, PromptEncoder


class LabelScorer:
    def __init__(self, encoder: PromptEncoder, rows: list[dict], max_length: int):
        self.keys = list(encoder.answer_ids)  # labelWords order: the confusion's rows and columns
        self.words = [encoder.answer_ids[k] for k in self.keys]
        self.first_token = len({w[0] for w in self.words}) == len(self.words)
        longest = max(len(w) for w in self.words) + 1  # + EOS, as the training examples
        # One prompt per example, the same for every class (cut to fit the longest answer).
        self.prompts = [encoder.prompt_ids(r["sentence"], max_length - longest) for r in rows]
        self.truth = [self.keys.index(str(r["label"])) for r in rows]
        # Each example's true answer (word + EOS, as it trains): where one position decides, the
        # sequence prompt + true answer gives the prediction (its first answer row holds every word's
        # first token) and the eval loss in one forward pass.
        self.answers = [encoder.answer_ids[str(r["label"])] + [encoder.eos_id] for r in rows]

    def _sequences(self, i: int) -> list[dict]:
        prompt = self.prompts[i]
        answers = [self.answers[i]] if self.first_token else self.words
        return [{"input_ids": prompt + a, "labels": [IGNORE_INDEX] * len(prompt) + a} for a in answers]

    def _scores(self, logprobs: list[torch.Tensor]) -> torch.Tensor:
        """One example's class scores from its sequences' answer rows ([answer tokens, vocab] each)."""
        if self.first_token:
            return logprobs[0][0, [w[0] for w in self.words]]
        return torch.stack([lp[torch.arange(len(w)), w].sum() for lp, w in zip(logprobs, self.words)])

    def predict(self, model, collate, indices: list[int], batch_size: int, device) -> list[int]:
        """The predicted class index of each example in `indices`."""
        return self.evaluate(model, collate, indices, batch_size, device)[0]

    @torch.no_grad()
    def evaluate(self, model, collate, indices: list[int], batch_size: int,
                 device) -> tuple[list[int], float | None, int]:
        """The predicted class index of each example in `indices` (in that order) and, where one
        position decides, the summed negative log-likelihood of the true answers' tokens and their
        count, from the same pass (None and 0 otherwise: the Trainer's own loss pass is needed)."""
        per_example = 1 if self.first_token else len(self.words)
        step = max(1, batch_size // per_example)
        # Batched in length order, so a batch barely pads; answered in the order asked.
        order = sorted(indices, key=lambda i: len(self.prompts[i]))
        predicted, loss_sum, tokens = {}, 0.0, 0
        for start in range(0, len(order), step):
            batch = order[start:start + step]
            sequences = [s for i in batch for s in self._sequences(i)]
            rows = answer_logprobs(model, collate(sequences), device)
            for j, i in enumerate(batch):
                example = rows[j * per_example:(j + 1) * per_example]
                predicted[i] = int(self._scores(example).argmax())
                if self.first_token:
                    answer = self.answers[i]
                    loss_sum -= float(example[0][torch.arange(len(answer)), answer].sum())
                    tokens += len(answer)
        return [predicted[i] for i in indices], (loss_sum if self.first_token else None), tokens

    def confusion(self, predictions: list[int], indices: list[int]) -> torch.Tensor:
        k = len(self.keys)
        matrix = torch.zeros((k, k), dtype=torch.long)
        for i, p in zip(indices, predictions):
            matrix[self.truth[i], p] += 1
        return matrix


def answer_logprobs(model, inputs: dict, device) -> list[torch.Tensor]:
    """Per sequence of a collated batch (padded rows, or packed rows with their chunks), the
    log-softmax rows at the positions that predict its answer tokens, in sequence order."""
    if "chunks" in inputs:
        return [rows for chunk in inputs["chunks"] for rows in answer_logprobs(model, chunk, device)]
    targets = inputs["labels"][:, 1:]
    if "cu_seq_lens_q" in inputs:
        keep = inputs["answer_positions"]
        model_inputs = {k: inputs[k] for k in ("input_ids", "position_ids", "cu_seq_lens_q", "cu_seq_lens_k",
                                               "max_length_q", "max_length_k")}
    else:
        keep = (targets != IGNORE_INDEX).any(dim=0).nonzero().squeeze(-1)
        model_inputs = {"input_ids": inputs["input_ids"], "attention_mask": inputs["attention_mask"]}
    picked = targets[:, keep]
    columns = keep.tolist()
    rows, cols, lengths = [], [], []
    for row in range(picked.shape[0]):
        # Answer positions of one row, in order; a packed row holds several sequences, split at the
        # sequence boundaries (a new sequence starts after a -100 gap: its prompt).
        previous = None
        for p in (picked[row] != IGNORE_INDEX).nonzero().squeeze(-1).tolist():
            if previous is None or columns[p] != columns[previous] + 1:
                lengths.append(0)
            rows.append(row)
            cols.append(p)
            lengths[-1] += 1
            previous = p
    model_inputs = {k: v.to(device) if isinstance(v, torch.Tensor) else v for k, v in model_inputs.items()}
    logits = model(**model_inputs, logits_to_keep=keep.to(device), use_cache=False).logits
    # Only the answer rows leave the device: [answer tokens in the batch, vocab].
    selected = logits[torch.tensor(rows, device=device), torch.tensor(cols, device=device)].float()
    return list(torch.log_softmax(selected, dim=-1).cpu().split(lengths))


def metrics(confusion: torch.Tensor) -> dict:
    """Accuracy and macro-F1 (over the classes that occur as truth or prediction) of a confusion matrix
    [truth, prediction]."""
    total = int(confusion.sum())
    correct = int(confusion.diag().sum())
    f1s = []
    for c in range(confusion.shape[0]):
        tp, truth, predicted = int(confusion[c, c]), int(confusion[c].sum()), int(confusion[:, c].sum())
        if truth + predicted:
            f1s.append(2 * tp / (truth + predicted))
    return {"accuracy": correct / total if total else 0.0,
            "macro_f1": sum(f1s) / len(f1s) if f1s else 0.0}
