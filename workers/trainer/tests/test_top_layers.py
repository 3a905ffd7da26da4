"""lora.topLayers adapts only the last N transformer blocks (peft's layers_to_transform), and
training.torchCompile compiles the blocks on the CPU as on a GPU: the two speed options of the SmolLM2
CPU preset."""
from __future__ import annotations

import json
from pathlib import Path

import pytest
from safetensors import safe_open

from conftest import make_spec, run_cli, write_spec
from lora_trainer.config import TrainerError


def _adapted_blocks(adapter_dir: Path) -> set[int]:
    with safe_open(str(adapter_dir / "adapter_model.safetensors"), "pt") as f:
        return {int(key.split(".layers.")[1].split(".")[0]) for key in f.keys()}


def test_top_layers_are_the_last_blocks():
    from transformers import LlamaConfig
    from lora_trainer.train import top_layers

    class Model:
        config = LlamaConfig(num_hidden_layers=30)

    assert top_layers(Model(), None) is None
    assert top_layers(Model(), 10) == list(range(20, 30))
    assert top_layers(Model(), 30) == list(range(30))
    with pytest.raises(TrainerError, match="has 30 transformer blocks; use at most 30") as raised:
        top_layers(Model(), 31)
    assert raised.value.code == "invalid_spec"


def test_a_run_adapts_only_the_top_block(tmp_path, tiny_model_dir, toy_data):
    full = make_spec(tmp_path / "all", tiny_model_dir, toy_data, maxSteps=2, evalSteps=2)
    top = make_spec(tmp_path / "top", tiny_model_dir, toy_data, maxSteps=2, evalSteps=2)
    top["lora"]["topLayers"] = 1
    rc_all, events_all, stderr = run_cli("train", str(write_spec(tmp_path, full, "all.json")))
    assert rc_all == 0, stderr
    rc_top, events_top, stderr = run_cli("train", str(write_spec(tmp_path, top, "top.json")))
    assert rc_top == 0, stderr

    assert _adapted_blocks(Path(full["adapterDir"])) == {0, 1}
    assert _adapted_blocks(Path(top["adapterDir"])) == {1}  # the tiny model's last of two blocks
    trainable = [next(e for e in events if e["event"] == "started")["trainableParams"]
                 for events in (events_all, events_top)]
    assert trainable[1] * 2 == trainable[0]
    config = json.loads((Path(top["adapterDir"]) / "adapter_config.json").read_text())
    assert config["layers_to_transform"] == [1]


def test_more_top_layers_than_blocks_fails_with_a_clear_error(tmp_path, tiny_model_dir, toy_data):
    spec = make_spec(tmp_path, tiny_model_dir, toy_data, maxSteps=2)
    spec["lora"]["topLayers"] = 3
    rc, events, _ = run_cli("train", str(write_spec(tmp_path, spec)))
    assert rc != 0
    assert events[-1]["event"] == "failed" and events[-1]["code"] == "invalid_spec"
    assert "lora.topLayers is 3 but the model has 2 transformer blocks" in events[-1]["error"]


def test_torch_compile_compiles_the_blocks_on_the_cpu_too(tmp_path, tiny_model_dir, toy_data):
    from lora_trainer.config import load_spec
    from lora_trainer.data import read_jsonl
    from lora_trainer.train import build_trainer, load_base

    spec = load_spec(write_spec(tmp_path, make_spec(tmp_path, tiny_model_dir, toy_data, torchCompile=True)))
    tokenizer, model, device, dtype = load_base(spec.baseModelPath, None)
    assert device == "cpu"
    trainer, _ = build_trainer(spec, tokenizer, model, device, dtype, read_jsonl(spec.train, spec.labelWords), [])
    blocks = [m for m in trainer.model.modules() if type(m).__name__ == "LlamaDecoderLayer"]
    assert len(blocks) == 2 and all(m._compiled_call_impl is not None for m in blocks)


def test_cpu_training_runs_eager_attention_with_sdpa_arithmetic(tmp_path, tiny_model_dir, toy_data):
    """On the CPU a padded run trains with transformers' "eager" attention (plain matrix products):
    SDPA's CPU backward was a quarter of a SmolLM2 step. It must compute what SDPA computes."""
    import torch
    from lora_trainer.config import load_spec
    from lora_trainer.data import read_jsonl
    from lora_trainer.train import build_trainer, load_base

    spec = load_spec(write_spec(tmp_path, make_spec(tmp_path, tiny_model_dir, toy_data)))
    tokenizer, model, device, dtype = load_base(spec.baseModelPath, None)
    trainer, _ = build_trainer(spec, tokenizer, model, device, dtype, read_jsonl(spec.train, spec.labelWords), [])
    assert trainer.model.config._attn_implementation == "eager"

    batch = next(iter(trainer.get_train_dataloader()))
    assert (batch["attention_mask"] == 0).any(), "a batch without padding would not check the mask"
    lora = [p for p in trainer.model.parameters() if p.requires_grad]

    def loss_and_grads(attention: str):
        trainer.model.base_model.model.set_attn_implementation(attention)
        for p in lora:
            p.grad = None
        loss = trainer.compute_loss(trainer.model, batch)
        loss.backward()
        return loss.item(), [p.grad.clone() for p in lora]

    eager_loss, eager_grads = loss_and_grads("eager")
    sdpa_loss, sdpa_grads = loss_and_grads("sdpa")
    assert eager_loss == pytest.approx(sdpa_loss, rel=1e-5)
    for a, b in zip(eager_grads, sdpa_grads):
        torch.testing.assert_close(a, b, rtol=1e-4, atol=1e-6)
