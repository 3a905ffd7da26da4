"""bf16 autocast on the CPU (devices.cpu_bf16_autocast): used only where the CPU does bf16 products natively
(AMX or AVX512-BF16), off with `training.cpuBf16: false`, and it learns as float32 does."""
from __future__ import annotations

import pytest
import torch

from conftest import make_spec, run_cli, write_spec
from lora_trainer.config import TrainSpec, TrainingSpec
from lora_trainer.devices import cpu_bf16_autocast


def _spec(cpu_bf16: bool) -> TrainSpec:
    return TrainSpec(baseModelPath="m", train="t", outputDir="o", adapterDir="a",
                     training=TrainingSpec(cpuBf16=cpu_bf16))


def native_bf16() -> bool:
    return torch.cpu._is_amx_tile_supported() or torch.cpu._is_avx512_bf16_supported()


@pytest.mark.parametrize("amx, avx512_bf16", [(True, False), (False, True), (True, True)])
def test_autocast_on_a_cpu_with_native_bf16_and_only_when_asked(monkeypatch, amx, avx512_bf16):
    monkeypatch.setattr(torch.cpu, "_is_amx_tile_supported", lambda: amx)
    monkeypatch.setattr(torch.cpu, "_is_avx512_bf16_supported", lambda: avx512_bf16)
    assert cpu_bf16_autocast(_spec(True), "cpu")
    assert not cpu_bf16_autocast(_spec(False), "cpu")
    assert not cpu_bf16_autocast(_spec(True), "cuda")  # a GPU has its own bf16 path


def test_no_autocast_where_bf16_is_emulated(monkeypatch):
    monkeypatch.setattr(torch.cpu, "_is_amx_tile_supported", lambda: False)
    monkeypatch.setattr(torch.cpu, "_is_avx512_bf16_supported", lambda: False)
    assert not cpu_bf16_autocast(_spec(True), "cpu")  # emulated bf16 is slower than float32


def _eval_losses(tmp_path, model_dir, data, cpu_bf16: bool):
    spec = make_spec(tmp_path / str(cpu_bf16), model_dir, data, epochs=2, cpuBf16=cpu_bf16)
    rc, events, stderr = run_cli("train", str(write_spec(tmp_path, spec, f"spec-{cpu_bf16}.json")))
    assert rc == 0, stderr
    started = next(e for e in events if e["event"] == "started")
    return started, [e["eval_loss"] for e in events if e["event"] == "eval"]


def test_bf16_autocast_learns_as_float32_does(tmp_path, tiny_model_dir, toy_data):
    native = native_bf16()
    started_bf16, bf16 = _eval_losses(tmp_path, tiny_model_dir, toy_data, True)
    started_f32, f32 = _eval_losses(tmp_path, tiny_model_dir, toy_data, False)
    assert started_bf16["autocast"] == ("bfloat16" if native else None)
    assert started_f32["autocast"] is None
    assert started_bf16["dtype"] == started_f32["dtype"] == "float32"  # the weights and the optimizer
    assert len(bf16) == len(f32) >= 2
    assert bf16[-1] < bf16[0] * 0.9, (bf16, f32)  # it learns
    for a, b in zip(bf16, f32):  # and as float32 does: bf16 products round to ~3 significant digits
        assert abs(a - b) <= 0.02 * b, (bf16, f32)
