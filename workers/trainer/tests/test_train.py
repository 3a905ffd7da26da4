"""A full (tiny) training run through the CLI: protocol events, falling loss, a vLLM-ready adapter."""
import json
from pathlib import Path

import pytest
from safetensors import safe_open


def test_run_completes(trained_run):
    assert trained_run["rc"] == 0, trained_run["stderr"][-3000:]
    kinds = [e["event"] for e in trained_run["events"]]
    assert kinds[0] == "started" and kinds[-1] == "completed"
    assert {"log", "eval", "checkpoint"} <= set(kinds)


def test_every_event_matches_the_protocol(trained_run, event_validator):
    for event in trained_run["events"]:
        errors = [e.message for e in event_validator.iter_errors(event)]
        assert not errors, f"{event} -> {errors}"


def test_steps_are_contiguous_and_counts_add_up(trained_run):
    events = trained_run["events"]
    started = events[0]
    logs = [e["step"] for e in events if e["event"] == "log"]
    every = trained_run["spec"]["training"]["loggingSteps"]
    assert logs == list(range(every, started["totalSteps"] + 1, every))
    assert events[-1]["steps"] == started["totalSteps"]
    assert started["trainSamples"] == 256 and started["valSamples"] == 32
    assert started["device"] == "cpu" and started["dtype"] == "float32"
    assert 0 < started["trainableParams"] < started["totalParams"]


def test_loss_falls_on_a_learnable_set(trained_run):
    losses = [e["loss"] for e in trained_run["events"] if e["event"] == "log"]
    evals = [e["eval_loss"] for e in trained_run["events"] if e["event"] == "eval"]
    assert losses[-1] < 0.5 * losses[0], losses
    assert evals[-1] < evals[0], evals


def test_save_total_limit_and_best_checkpoint(trained_run):
    out = Path(trained_run["spec"]["outputDir"])
    kept = sorted(p.name for p in out.glob("checkpoint-*"))
    # save_total_limit=1 plus the best checkpoint, which the Trainer never deletes.
    assert 1 <= len(kept) <= 2, kept
    saved = [e["path"] for e in trained_run["events"] if e["event"] == "checkpoint"]
    assert all(Path(p).name.startswith("checkpoint-") for p in saved)


def test_adapter_satisfies_vllm_rules(trained_run):
    adapter = Path(trained_run["spec"]["adapterDir"])
    config = json.loads((adapter / "adapter_config.json").read_text())
    assert config["peft_type"] == "LORA"
    assert config["base_model_name_or_path"] == str(Path(trained_run["spec"]["baseModelPath"]).resolve())
    assert config["bias"] == "none"
    assert not config.get("modules_to_save")
    assert not config.get("use_dora")
    assert config["r"] in (1, 8, 16, 32, 64, 128, 256, 320, 512)
    assert set(config["target_modules"]) == {"q_proj", "v_proj"}
    assert (adapter / "adapter_model.safetensors").is_file() and not (adapter / "adapter_model.bin").exists()
    with safe_open(str(adapter / "adapter_model.safetensors"), "pt") as f:
        keys = list(f.keys())
    assert keys and all("lora_A" in k or "lora_B" in k for k in keys)


def test_adapter_loads_with_peft_and_changes_outputs(trained_run):
    import torch
    from peft import PeftModel
    from transformers import AutoModelForCausalLM

    base_dir = trained_run["spec"]["baseModelPath"]
    ids = torch.tensor([[1, 100, 200, 300]])
    base = AutoModelForCausalLM.from_pretrained(base_dir)
    with torch.no_grad():
        before = base(ids).logits
    tuned = PeftModel.from_pretrained(base, trained_run["spec"]["adapterDir"])
    with torch.no_grad():
        after = tuned(ids).logits
    assert not torch.allclose(before, after)


def test_predict_prints_one_line_per_row(trained_run, toy_data):
    from conftest import run_cli

    spec = trained_run["spec"]
    rc, rows, stderr = run_cli("predict", "--base", spec["baseModelPath"], "--adapter", spec["adapterDir"],
                               "--input", str(toy_data["test"]), "--batch-size", "5")
    assert rc == 0, stderr[-2000:]
    assert [r["index"] for r in rows] == list(range(16))
    assert all(r["label"] in (0, 1, None) and isinstance(r["output"], str) for r in rows)
    # `label` is the output parsed against the label words (null when it is neither).
    for r in rows:
        text = r["output"].strip()
        expected = 1 if text.startswith("积极") else 0 if text.startswith("消极") else None
        assert r["label"] == expected and r["expected"] in (0, 1)
