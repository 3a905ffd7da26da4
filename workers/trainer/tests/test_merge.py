"""The merged model (base + adapter folded into bf16 safetensors) answers like base + adapter."""
from __future__ import annotations

import json

from conftest import make_spec, run_cli, toy_rows, write_jsonl, write_spec


def _labels(rows: list[dict]) -> list:
    return [r["label"] for r in sorted(rows, key=lambda r: r["index"])]


def test_merged_model_predicts_the_same_labels_as_base_plus_adapter(tmp_path, tiny_model_dir, toy_data):
    # Every projection and three epochs: enough for the tiny model to answer with the label words
    # (the shared trained_run's q/v adapter does not yet), so that equal labels mean something.
    spec = make_spec(tmp_path, tiny_model_dir, toy_data, epochs=3)
    spec["lora"]["targetModules"] = ["q_proj", "k_proj", "v_proj", "o_proj", "gate_proj", "up_proj", "down_proj"]
    rc, _, stderr = run_cli("train", str(write_spec(tmp_path, spec)))
    assert rc == 0, stderr[-2000:]
    merged = tmp_path / "merged" / "toy-v1"
    rc, _, stderr = run_cli("merge", "--base", str(tiny_model_dir), "--adapter", spec["adapterDir"], "--out", str(merged))
    assert rc == 0, stderr[-2000:]

    from safetensors import safe_open
    weights = merged / "model.safetensors"
    with safe_open(str(weights), "pt") as f:
        keys = list(f.keys())
        assert {str(f.get_tensor(k).dtype) for k in keys} == {"torch.bfloat16"}
    assert not any("lora" in k for k in keys)  # folded in, not carried along
    config = json.loads((merged / "config.json").read_text())
    assert config.get("dtype", config.get("torch_dtype")) == "bfloat16"  # the key's name depends on the transformers version
    assert (merged / "tokenizer_config.json").is_file()
    assert not list(merged.parent.glob(".*tmp*"))  # nothing half written left beside it

    sentences = write_jsonl(tmp_path / "fifty.jsonl", toy_rows(50, 7))
    rc, with_adapter, stderr = run_cli("predict", "--base", str(tiny_model_dir), "--adapter", spec["adapterDir"],
                                       "--input", str(sentences))
    assert rc == 0, stderr[-2000:]
    rc, from_merged, stderr = run_cli("predict", "--base", str(merged), "--input", str(sentences))
    assert rc == 0, stderr[-2000:]
    rc, from_base, stderr = run_cli("predict", "--base", str(tiny_model_dir), "--input", str(sentences))
    assert rc == 0, stderr[-2000:]

    assert len(with_adapter) == 50
    assert sum(label is not None for label in _labels(with_adapter)) >= 40  # not just "both invalid"
    assert _labels(from_merged) == _labels(with_adapter)
    # The adapter is not a no-op: the base alone answers differently, so the match above means something.
    assert _labels(from_base) != _labels(with_adapter)


def test_merge_refuses_an_existing_target_and_a_missing_adapter(tmp_path, tiny_model_dir):
    (tmp_path / "taken").mkdir()
    (tmp_path / "adapter").mkdir()
    rc, _, stderr = run_cli("merge", "--base", str(tiny_model_dir), "--adapter", str(tmp_path / "adapter"),
                            "--out", str(tmp_path / "new"))
    assert rc == 1 and "adapter_not_found" in stderr and not (tmp_path / "new").exists()
    (tmp_path / "adapter" / "adapter_config.json").write_text("{}")
    rc, _, stderr = run_cli("merge", "--base", str(tiny_model_dir), "--adapter", str(tmp_path / "adapter"),
                            "--out", str(tmp_path / "taken"))
    assert rc == 1 and "already exists" in stderr
