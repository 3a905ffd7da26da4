"""`predict`: batched greedy generation over a JSONL file, base model with an optional adapter.

A cross-check of the serving path and a fallback where no inference server runs. Prompts are built by
the same PromptEncoder as training, left-padded so every row's answer starts at the same column.
"""
from __future__ import annotations

import json
import time

from .config import DEFAULT_LABEL_WORDS, DEFAULT_TEMPLATE, TrainerError
from .data import PromptEncoder, label_key, read_jsonl


def predict(base: str, adapter: str | None, input_path: str, template: str = DEFAULT_TEMPLATE,
            label_words: dict | None = None, max_new_tokens: int = 4, batch_size: int = 32,
            max_length: int = 512) -> dict:
    import torch

    from .train import load_base

    rows = read_jsonl(input_path)
    if not rows:
        raise TrainerError(f"input {input_path} has no rows", "empty_dataset")
    tokenizer, model, device, _ = load_base(base, None)
    if adapter:
        from peft import PeftModel
        model = PeftModel.from_pretrained(model, adapter)
    model.to(device).eval()
    encoder = PromptEncoder(tokenizer, template, label_words or DEFAULT_LABEL_WORDS)
    prompts = [encoder.prompt_ids(r["sentence"], max_length - max_new_tokens) for r in rows]
    order = sorted(range(len(rows)), key=lambda i: len(prompts[i]))  # similar lengths share a batch
    outputs: list[str] = [""] * len(rows)
    start = time.time()
    with torch.inference_mode():
        for b in range(0, len(order), batch_size):
            idx = order[b:b + batch_size]
            longest = max(len(prompts[i]) for i in idx)
            ids = torch.full((len(idx), longest), tokenizer.pad_token_id, dtype=torch.long)
            mask = torch.zeros_like(ids)
            for j, i in enumerate(idx):
                n = len(prompts[i])
                ids[j, longest - n:] = torch.tensor(prompts[i])
                mask[j, longest - n:] = 1
            gen = model.generate(input_ids=ids.to(device), attention_mask=mask.to(device), do_sample=False,
                                 max_new_tokens=max_new_tokens, pad_token_id=tokenizer.pad_token_id,
                                 eos_token_id=tokenizer.eos_token_id)
            for j, i in enumerate(idx):
                outputs[i] = tokenizer.decode(gen[j, longest:], skip_special_tokens=True)
    seconds = time.time() - start
    correct = labelled = 0
    for i, row in enumerate(rows):
        label = encoder.parse(outputs[i])
        record = {"index": i, "output": outputs[i], "label": label}
        expected = label_key(row.get("label"))
        if expected in encoder.label_words:
            labelled += 1
            correct += int(label is not None and str(label) == expected)
            record["expected"] = row["label"]
        emit_row(record)
    summary = {"rows": len(rows), "seconds": round(seconds, 2)}
    if labelled:
        summary.update(labelled=labelled, correct=correct, accuracy=round(correct / labelled, 4))
    return summary


def emit_row(record: dict) -> None:
    # Prediction rows are plain JSON lines (no event/time wrapper): one per input row, in input order.
    from . import events
    stream = events._event_stream
    line = json.dumps(record, ensure_ascii=False)
    if stream is not None:
        stream.write(line + "\n")
        stream.flush()
    else:
        print(line, flush=True)

