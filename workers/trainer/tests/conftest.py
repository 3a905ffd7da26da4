"""Shared fixtures: a tiny Llama (random weights, the demo's real tokenizer) built once per session, a
learnable toy dataset, and a helper that runs the CLI in a subprocess like the worker does."""
from __future__ import annotations

import json
import os
import random
import subprocess
import sys
from pathlib import Path

import pytest

TRAINER_DIR = Path(__file__).resolve().parents[1]


def write_jsonl(path: Path, rows: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
    return path


def toy_rows(n: int, seed: int) -> list[dict]:
    """Reviews whose sentiment is decided by one keyword among filler characters: learnable in a few steps."""
    rng = random.Random(seed)
    filler = "这个东西质量价格物流包装客服手机电脑衣服颜色尺寸"
    rows = []
    for _ in range(n):
        label = rng.randint(0, 1)
        words = [rng.choice(filler) for _ in range(rng.randint(4, 30))]
        words.insert(rng.randrange(len(words) + 1), "好评" if label else "差评")
        rows.append({"sentence": "".join(words), "label": label})
    return rows


@pytest.fixture(scope="session")
def tiny_model_dir(tmp_path_factory) -> Path:
    import torch
    from transformers import LlamaConfig, LlamaForCausalLM

    from lora_trainer.demo_model import build_tokenizer, widen_logits

    out = tmp_path_factory.mktemp("tiny-model")
    tokenizer = build_tokenizer()
    config = LlamaConfig(vocab_size=len(tokenizer), hidden_size=32, intermediate_size=64, num_hidden_layers=2,
                         num_attention_heads=2, num_key_value_heads=2, max_position_embeddings=256,
                         bos_token_id=1, eos_token_id=2, pad_token_id=3, tie_word_embeddings=False)
    torch.manual_seed(0)
    model = LlamaForCausalLM(config)
    widen_logits(model)
    with torch.no_grad():
        # hidden 32 caps the reachable logit at ~sqrt(32) even after widening; a bit more lets the
        # toy task's loss fall clearly within a few dozen steps.
        model.lm_head.weight.mul_(4.0)
    model.save_pretrained(str(out), safe_serialization=True)
    tokenizer.save_pretrained(str(out))
    return out


@pytest.fixture(scope="session")
def toy_data(tmp_path_factory) -> dict[str, Path]:
    d = tmp_path_factory.mktemp("toy-data")
    return {"train": write_jsonl(d / "train.jsonl", toy_rows(256, 1)),
            "val": write_jsonl(d / "val.jsonl", toy_rows(32, 2)),
            "test": write_jsonl(d / "test.jsonl", toy_rows(16, 3))}


def make_spec(tmp_path: Path, model_dir: Path, data: dict[str, Path], **training) -> dict:
    spec = {
        "jobId": "test",
        "baseModelPath": str(model_dir),
        "train": str(data["train"]), "val": str(data["val"]),
        "outputDir": str(tmp_path / "out"), "adapterDir": str(tmp_path / "adapter"),
        "lora": {"r": 8, "alpha": 16, "dropout": 0.0, "targetModules": ["q_proj", "v_proj"]},
        "training": {"learningRate": 1e-2, "epochs": 1, "batchSize": 16, "gradientAccumulationSteps": 1,
                     "maxLength": 96, "evalSteps": 8, "loggingSteps": 2, "seed": 42, "saveTotalLimit": 2},
        "resumeFromCheckpoint": None,
    }
    spec["training"].update(training)
    return spec


def write_spec(tmp_path: Path, spec: dict, name: str = "spec.json") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(spec, ensure_ascii=False), encoding="utf-8")
    return path


def cli_env() -> dict:
    env = dict(os.environ, HF_HUB_OFFLINE="1", TOKENIZERS_PARALLELISM="false")
    env.pop("RANK", None)
    return env


def run_cli(*args: str, timeout: float = 300) -> tuple[int, list[dict], str]:
    """Runs `python -m lora_trainer ...`; every stdout line must be JSON (the protocol's first rule)."""
    proc = subprocess.run([sys.executable, "-m", "lora_trainer", *args], capture_output=True, text=True,
                          timeout=timeout, env=cli_env())
    lines = [l for l in proc.stdout.splitlines() if l.strip()]
    events = [json.loads(l) for l in lines]  # raises on any non-JSON line
    return proc.returncode, events, proc.stderr


@pytest.fixture(scope="session")
def event_validator():
    import jsonschema
    schema = json.loads((TRAINER_DIR / "events.schema.json").read_text(encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


@pytest.fixture(scope="session")
def trained_run(tmp_path_factory, tiny_model_dir, toy_data):
    """One full training run shared by the event, adapter and predict tests (subprocesses cost ~5 s each)."""
    tmp = tmp_path_factory.mktemp("trained")
    spec = make_spec(tmp, tiny_model_dir, toy_data, epochs=2, saveTotalLimit=1)
    rc, events, stderr = run_cli("train", str(write_spec(tmp, spec)))
    return {"rc": rc, "events": events, "stderr": stderr, "spec": spec, "dir": tmp}
