"""Labels: the answer parser follows the shared golden cases (the dashboard's rule), and the trainer
trains any number of classes, each row's label (as a string) mapped to its word."""
import json
import random

import pytest

from conftest import TRAINER_DIR, make_spec, run_cli, write_jsonl, write_spec
from lora_trainer.config import TrainerError
from lora_trainer.data import PromptEncoder, length_grouped_order, read_jsonl
from lora_trainer.demo_model import build_tokenizer

CASES = json.loads((TRAINER_DIR.parents[1] / "packages/domain/src/label-parsing.cases.json").read_text(encoding="utf-8"))
THREE = {"差": "差评", "中": "一般", "好": "好评"}


@pytest.fixture(scope="module")
def tokenizer():
    return build_tokenizer()


@pytest.mark.parametrize("case", CASES["cases"], ids=lambda c: c["text"] or "empty")
def test_parse_follows_the_golden_cases(tokenizer, case):
    label = PromptEncoder(tokenizer, "{sentence}", case["labelWords"]).parse(case["text"])
    assert (None if label is None else str(label)) == case["expected"]


def test_binary_labels_stay_integers(tokenizer):
    assert PromptEncoder(tokenizer, "{sentence}", {"0": "消极", "1": "积极"}).parse("积极") == 1


def test_string_labels_map_to_their_words(tokenizer):
    enc = PromptEncoder(tokenizer, "评论：{sentence} 情感：", THREE)
    assert enc.example("还行", "中", 64)["input_ids"][-3:-1] == enc.answer_ids["中"][-2:]
    assert enc.parse("好评！") == "好"


def test_rows_with_a_label_outside_label_words_fail(tmp_path):
    path = write_jsonl(tmp_path / "rows.jsonl", [{"sentence": "a", "label": "中"}, {"sentence": "b", "label": 3}])
    with pytest.raises(TrainerError, match="line 2") as err:
        read_jsonl(path, THREE.keys() | {"3x"})
    assert err.value.code == "invalid_dataset"
    assert len(read_jsonl(path, ["中", "3"])) == 2


def test_length_grouping_keeps_every_class_in_every_window():
    rnd = random.Random(0)
    classes = [rnd.choice(["差", "中", "好"]) for _ in range(256)]
    lengths = [rnd.randint(10, 100) for _ in range(256)]
    order = length_grouped_order(lengths, classes, batch_size=16, window_batches=4)
    assert sorted(order) == list(range(256))
    for start in range(0, 256, 64):
        assert {classes[i] for i in order[start:start + 64]} == {"差", "中", "好"}


def test_three_classes_train_end_to_end(tmp_path, tiny_model_dir):
    rnd = random.Random(3)
    words = {"差": "差评", "中": "一般", "好": "好评"}
    rows = [{"sentence": "这个东西" + words[label] + "质量", "label": label} for label in rnd.choices(list(words), k=64)]
    data = {"train": write_jsonl(tmp_path / "train.jsonl", rows), "val": write_jsonl(tmp_path / "val.jsonl", rows[:8])}
    spec = make_spec(tmp_path, tiny_model_dir, data, maxSteps=4, evalSteps=2)
    spec["labelWords"] = {"差": "差", "中": "中", "好": "好"}
    rc, events, stderr = run_cli("train", str(write_spec(tmp_path, spec)))
    assert rc == 0, stderr[-2000:]
    assert events[-1]["event"] == "completed" and events[-1]["steps"] == 4
