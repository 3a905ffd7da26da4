"""A bad spec, a missing model directory or an empty dataset end in one `failed` event and a non-zero exit."""
import json

import pytest

from conftest import make_spec, run_cli, write_jsonl, write_spec


def _assert_failed(rc, events, validator, code, words):
    assert rc != 0
    assert len(events) == 1, events
    event = events[0]
    assert not list(validator.iter_errors(event))
    assert event["event"] == "failed" and event["code"] == code
    assert words in event["error"]


def test_bad_spec(tmp_path, event_validator):
    path = tmp_path / "spec.json"
    path.write_text(json.dumps({"baseModelPath": "/x", "train": "/y"}))
    rc, events, _ = run_cli("train", str(path))
    _assert_failed(rc, events, event_validator, "invalid_spec", "outputDir")


def test_spec_that_is_not_json(tmp_path, event_validator):
    path = tmp_path / "spec.json"
    path.write_text("{not json")
    rc, events, _ = run_cli("train", str(path))
    _assert_failed(rc, events, event_validator, "invalid_spec", "not valid JSON")


def test_missing_model_directory(tmp_path, toy_data, event_validator):
    spec = make_spec(tmp_path, tmp_path / "no-such-model", toy_data)
    rc, events, _ = run_cli("train", str(write_spec(tmp_path, spec)))
    _assert_failed(rc, events, event_validator, "model_not_found", "no-such-model")


def test_empty_dataset(tmp_path, tiny_model_dir, toy_data, event_validator):
    empty = write_jsonl(tmp_path / "empty.jsonl", [])
    spec = make_spec(tmp_path, tiny_model_dir, {**toy_data, "train": empty})
    rc, events, _ = run_cli("train", str(write_spec(tmp_path, spec)))
    _assert_failed(rc, events, event_validator, "empty_dataset", "no rows")


def test_quantization_without_cuda(tmp_path, tiny_model_dir, toy_data, event_validator):
    spec = make_spec(tmp_path, tiny_model_dir, toy_data, quantization="4bit")
    rc, events, _ = run_cli("train", str(write_spec(tmp_path, spec)))
    _assert_failed(rc, events, event_validator, "quantization_unavailable", "CUDA")
