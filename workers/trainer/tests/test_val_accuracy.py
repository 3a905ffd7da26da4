"""Validation accuracy from the label words' logits (label_scoring.py), and the published adapter being
the best checkpoint by the chosen metric, with early stopping."""
import random
from pathlib import Path

import pytest
import torch
from safetensors.torch import load_file

from conftest import make_spec, run_cli, write_spec


def _load(spec: dict, adapter: str | None):
    from lora_trainer.data import PromptEncoder
    from lora_trainer.train import load_base
    tokenizer, model, _, _ = load_base(spec["baseModelPath"], None)
    if adapter:
        from peft import PeftModel
        model = PeftModel.from_pretrained(model, adapter)
    model.eval()
    from lora_trainer.config import DEFAULT_LABEL_WORDS, DEFAULT_TEMPLATE
    template = spec.get("promptTemplate", DEFAULT_TEMPLATE)
    return tokenizer, model, PromptEncoder(tokenizer, template, spec.get("labelWords", DEFAULT_LABEL_WORDS))


# The untrained tiny model's next token depends mostly on the last one: prompts that end with the
# review (not with the same "[/INST]") make its answers differ from review to review.
SENTENCE_LAST = "评论：{sentence}"


def test_eval_events_carry_accuracy_f1_and_confusion(trained_run):
    evals = [e for e in trained_run["events"] if e["event"] == "eval"]
    assert evals
    for e in evals:
        confusion = e["eval_confusion"]
        assert len(confusion) == 2 and sum(map(sum, confusion)) == 32  # every val example, no invalid column
        assert e["eval_accuracy"] == pytest.approx((confusion[0][0] + confusion[1][1]) / 32, abs=1e-6)
        assert 0 <= e["eval_macro_f1"] <= 1
    completed = trained_run["events"][-1]
    # The default metric is eval_accuracy: the adapter is a checkpoint of the best accuracy seen.
    scores = [(e["eval_accuracy"], -e["eval_loss"]) for e in evals]
    best = evals[scores.index(max(scores))]  # accuracy first, a tie broken by the lower eval loss
    assert (completed["bestStep"], completed["bestMetric"]) == (best["step"], best["eval_accuracy"])


def test_logit_accuracy_equals_greedy_generation_with_the_label_parser(tiny_model_dir, toy_data):
    """On the tiny model the label words are the characters it answers greedily (so every generated
    answer parses, with different answers for different reviews); each row's true label is drawn at
    random. Generation + parser and the logit scoring must then agree on every row."""
    from lora_trainer.data import PadCollator, read_jsonl
    from lora_trainer.label_scoring import LabelScorer

    base = {"baseModelPath": str(tiny_model_dir), "promptTemplate": SENTENCE_LAST}
    tokenizer, model, encoder = _load(base, None)
    rows = read_jsonl(toy_data["val"])
    with torch.no_grad():
        first = {int(model(torch.tensor([encoder.prompt_ids(r["sentence"], 90)])).logits[0, -1].argmax()) for r in rows}
    words = {f"c{i}": tokenizer.decode([t]) for i, t in enumerate(sorted(first))}
    assert len(words) >= 2 and all(w.strip() and len(w) == 1 for w in words.values()), words
    _, _, encoder = _load({**base, "labelWords": words}, None)
    rnd = random.Random(5)
    rows = [{"sentence": r["sentence"], "label": rnd.choice(list(words))} for r in rows]
    scorer = LabelScorer(encoder, rows, 96)
    logit_labels = [scorer.keys[p] for p in
                    scorer.predict(model, PadCollator(tokenizer.pad_token_id), list(range(len(rows))), 8, "cpu")]
    generated = []
    with torch.inference_mode():
        for prompt in scorer.prompts:
            ids = torch.tensor([prompt])
            out = model.generate(input_ids=ids, attention_mask=torch.ones_like(ids), do_sample=False, max_new_tokens=4,
                                 pad_token_id=tokenizer.pad_token_id, eos_token_id=tokenizer.eos_token_id)
            generated.append(encoder.parse(tokenizer.decode(out[0, ids.shape[1]:], skip_special_tokens=True)))
    assert None not in generated and len(set(generated)) >= 2, generated
    assert logit_labels == generated
    truth = [r["label"] for r in rows]
    logit_accuracy = sum(p == t for p, t in zip(logit_labels, truth)) / len(rows)
    generated_accuracy = sum(g == t for g, t in zip(generated, truth)) / len(rows)
    assert logit_accuracy == generated_accuracy


def test_words_sharing_a_first_token_are_scored_in_full_padded_and_packed(tiny_model_dir, tmp_path):
    """Sum of every token's log-probability, as a direct forward pass per word computes it, whether the
    batch is padded or packed in token-budget chunks."""
    from lora_trainer.data import PadCollator
    from lora_trainer.label_scoring import LabelScorer
    from lora_trainer.packing import PackCollator, use_varlen_attention

    spec = {"baseModelPath": str(tiny_model_dir), "promptTemplate": SENTENCE_LAST,
            "labelWords": {"a": "好评", "b": "好差", "c": "一般"}}
    tokenizer, model, encoder = _load(spec, None)
    rnd = random.Random(0)
    rows = [{"sentence": "".join(rnd.choices("这个东西质量价格物流包装客服手机电脑", k=rnd.randint(2, 12))),
             "label": rnd.choice("abc")} for _ in range(9)]
    scorer = LabelScorer(encoder, rows, 96)
    assert not scorer.first_token
    expected = []
    with torch.no_grad():
        for prompt in scorer.prompts:
            scores = []
            for word in scorer.words:
                logprobs = torch.log_softmax(model(torch.tensor([prompt + word])).logits[0].float(), -1)
                scores.append(sum(logprobs[len(prompt) - 1 + j, t] for j, t in enumerate(word)))
            expected.append(int(torch.stack(scores).argmax()))
    indices = list(range(len(rows)))
    assert scorer.predict(model, PadCollator(tokenizer.pad_token_id), indices, 6, "cpu") == expected
    use_varlen_attention(model)
    packed = PackCollator(tokenizer.pad_token_id, 96, 8, max_tokens=100)
    assert scorer.predict(model, packed, indices, 9, "cpu") == expected
    assert len(set(expected)) > 1  # the check means something: not one class everywhere


def test_early_stopping_publishes_the_best_checkpoint(tmp_path, tiny_model_dir, toy_data):
    patience = 2
    spec = make_spec(tmp_path, tiny_model_dir, toy_data, maxSteps=40, evalSteps=4, loggingSteps=4, batchSize=8,
                     learningRate=3e-2, warmupRatio=0, earlyStoppingPatience=patience, saveTotalLimit=2)
    spec["lora"].update(r=16, targetModules=["q_proj", "k_proj", "v_proj", "o_proj", "gate_proj", "up_proj", "down_proj"])
    rc, events, stderr = run_cli("train", str(write_spec(tmp_path, spec)))
    assert rc == 0, stderr[-3000:]
    evals = [e for e in events if e["event"] == "eval"]
    accuracies = [e["eval_accuracy"] for e in evals]
    # Accuracy first, a tie broken by the lower eval loss; the first of exact ties.
    scores = [(e["eval_accuracy"], -e["eval_loss"]) for e in evals]
    best = scores.index(max(scores))
    completed = events[-1]
    assert completed["steps"] < 40, accuracies  # stopped early
    assert len(evals) == best + 1 + patience, accuracies  # exactly `patience` evals without improvement
    assert completed["bestStep"] == evals[best]["step"] and completed["bestMetric"] == accuracies[best]
    published = load_file(str(Path(spec["adapterDir"]) / "adapter_model.safetensors"))
    checkpoint = load_file(str(Path(spec["outputDir"]) / f"checkpoint-{completed['bestStep']}" / "adapter_model.safetensors"))
    last = load_file(str(Path(spec["outputDir"]) / f"checkpoint-{completed['steps']}" / "adapter_model.safetensors"))
    assert published.keys() == checkpoint.keys()
    assert all(torch.equal(published[k], checkpoint[k]) for k in published)
    assert any(not torch.equal(published[k], last[k]) for k in published)  # not simply the last weights


def test_one_forward_per_validation_batch_gives_the_loss_and_the_accuracy(tmp_path, tiny_model_dir, toy_data):
    """With label words that differ in their first token, a validation pass runs the model once per
    batch (it ran twice: the Trainer's loss pass, then the label scoring) and its eval loss is the
    mean answer-token loss of the validation examples, as the Trainer's own pass computed it."""
    from lora_trainer.config import load_spec
    from lora_trainer.data import read_jsonl
    from lora_trainer.train import build_trainer, load_base

    spec = load_spec(write_spec(tmp_path, make_spec(tmp_path, tiny_model_dir, toy_data, batchSize=16)))
    tokenizer, model, device, dtype = load_base(spec.baseModelPath, None)
    trainer, _ = build_trainer(spec, tokenizer, model, device, dtype, read_jsonl(spec.train, spec.labelWords),
                               read_jsonl(spec.val, spec.labelWords))
    assert trainer.label_scorer.first_token
    forwards = []
    hook = trainer.model.get_base_model().register_forward_hook(lambda *_: forwards.append(1))
    metrics = trainer.evaluate()
    hook.remove()
    assert len(forwards) == 1  # 32 validation examples, eval batches of 2 x 16
    assert sum(map(sum, metrics["eval_confusion"])) == 32

    trainer.label_scorer = None  # the Trainer's own loss pass, for comparison
    assert trainer.evaluate()["eval_loss"] == pytest.approx(metrics["eval_loss"], rel=1e-3)
