"""Spec validation: mistakes are caught before any model loads, with a message naming the field."""
import json

import pytest

from lora_trainer.config import TrainerError, load_spec

BASE = {"baseModelPath": "/m", "train": "/t.jsonl", "outputDir": "/o", "adapterDir": "/a"}


def _load(tmp_path, data):
    p = tmp_path / "spec.json"
    p.write_text(json.dumps(data) if not isinstance(data, str) else data, encoding="utf-8")
    return load_spec(p)


def test_defaults_fill_in(tmp_path):
    spec = _load(tmp_path, BASE)
    assert spec.lora.r == 8 and spec.training.batchSize == 4 and spec.labelWords == {"0": "消极", "1": "积极"}


@pytest.mark.parametrize("patch, words", [
    ({"promptTemplate": "no placeholder"}, "promptTemplate"),
    ({"labelWords": {"0": "a"}}, "labelWords"),
    ({"lora": {"r": 0}}, "lora.r"),
    ({"lora": {"rank": 8}}, "lora.rank"),
    ({"training": {"learningRate": -1}}, "learningRate"),
    ({"training": {"batchSize": 2.5}}, "batchSize"),
    ({"training": {"quantization": "8bit"}}, "quantization"),
    ({"surprise": 1}, "surprise"),
])
def test_bad_fields_are_named(tmp_path, patch, words):
    with pytest.raises(TrainerError) as err:
        _load(tmp_path, {**BASE, **patch})
    assert err.value.code == "invalid_spec" and words in str(err.value)


def test_missing_required_field(tmp_path):
    with pytest.raises(TrainerError) as err:
        _load(tmp_path, {"train": "/t.jsonl"})
    assert "baseModelPath" in str(err.value)


def test_not_json(tmp_path):
    with pytest.raises(TrainerError) as err:
        _load(tmp_path, "{nope")
    assert err.value.code == "invalid_spec"
