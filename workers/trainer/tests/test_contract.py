"""The trainer contract has one source (config.py, event_types.py, presets.json); the JSON Schemas and
the TypeScript module generated from it must be current, and say what the trainer checks."""
import json

import jsonschema
import pytest

from lora_trainer import generate_contract
from lora_trainer.config import TrainerError, TrainSpec, _build, validate

PATHS = {"baseModelPath": "/m", "train": "/t", "outputDir": "/o", "adapterDir": "/a"}


def test_generated_files_are_current():
    for path, text in generate_contract.outputs().items():
        assert path.read_text(encoding="utf-8") == text, (
            f"{path.name} is stale: run `.venv/bin/python -m lora_trainer.generate_contract` (PYTHONPATH=workers/trainer/src)")


def _trainer_accepts(data: dict) -> bool:
    try:
        validate(_build(TrainSpec, data, ""))
        return True
    except TrainerError:
        return False


@pytest.mark.parametrize("patch", [
    {"training": {"learningRate": 1}},
    {"training": {"learningRate": 0.5}},
    {"training": {"epochs": 101}},
    {"training": {"maxLength": 31}},
    {"lora": {"r": 257}},
    {"lora": {"targetModules": ["q_proj", "q_proj"]}},
    {"lora": {"targetModules": ["lm_head"]}},
    {"labelWords": {"0": "a"}},
    {"labelWords": {"0": "a", "1": "b", "2": "c"}},
    {"labelWords": {str(i): f"w{i}" for i in range(101)}},
    {"promptTemplate": "{sentence} {sentence}"},
    {"training": {"quantization": "4bit"}},
])
def test_schema_and_trainer_agree(patch):
    """Per-field rules: the generated JSON Schema and the trainer's validate() decide alike."""
    schema = json.loads((generate_contract.TRAINER_DIR / "spec.schema.json").read_text(encoding="utf-8"))
    data = {**PATHS, **patch}
    assert jsonschema.Draft202012Validator(schema).is_valid(data) == _trainer_accepts(data)


def test_learning_rate_one_is_refused_naming_the_field():
    with pytest.raises(TrainerError, match=r"training.learningRate must be a number above 0 and below 1"):
        validate(_build(TrainSpec, {**PATHS, "training": {"learningRate": 1}}, ""))


def test_label_words_map_any_labels_to_distinct_words():
    assert _trainer_accepts({**PATHS, "labelWords": {"积极": "好", "消极": "差", "中性": "中"}})
    assert not _trainer_accepts({**PATHS, "labelWords": {"0": "好", "1": "好"}})
    assert not _trainer_accepts({**PATHS, "labelWords": {"0": "好", "1": " "}})


def test_cross_field_rules():
    assert not _trainer_accepts({**PATHS, "training": {"maxBatchTokens": 4096}})  # needs packing
    assert not _trainer_accepts({**PATHS, "training": {"packing": True, "maxLength": 512, "maxBatchTokens": 256}})
    assert _trainer_accepts({**PATHS, "training": {"packing": True, "maxLength": 512, "maxBatchTokens": 4096}})


def test_a_nullable_enum_accepts_null():
    """`started.autocast` is null on a CPU without AMX (this AMD EPYC box): the events schema refused every such
    run's first event while its enum listed only "bfloat16"."""
    schema = generate_contract.events_schema()
    started = {"event": "started", "time": 1.0, "totalSteps": 8, "trainSamples": 256, "valSamples": 32,
               "device": "cpu", "dtype": "float32", "trainableParams": 2048, "totalParams": 508640}
    validator = jsonschema.Draft202012Validator(schema)
    assert not list(validator.iter_errors({**started, "autocast": None}))
    assert not list(validator.iter_errors({**started, "autocast": "bfloat16"}))
    assert list(validator.iter_errors({**started, "autocast": "float16"}))
