"""The dashboard's presets (workers/trainer/presets.json, in the API's flat hyperparameter names) and
the way a flat hyperparameter set becomes the spec's `lora` and `training` objects: by each field's
`api` name (config.py), the same table the worker uses (packages/contracts HYPERPARAMETER_FIELDS)."""
from __future__ import annotations

import json
from dataclasses import fields
from pathlib import Path

from .config import LoraSpec, TrainingSpec

PRESETS_FILE = Path(__file__).resolve().parents[2] / "presets.json"
_PARTS = {"lora": LoraSpec, "training": TrainingSpec}


def read_presets() -> dict:
    data = json.loads(PRESETS_FILE.read_text(encoding="utf-8"))
    return {name: preset for name, preset in data.items() if not name.startswith("$")}


def spec_from_hyperparameters(hyperparameters: dict) -> dict:
    """{"loraR": 8, "learningRate": 2e-3, ...} -> {"lora": {"r": 8}, "training": {"learningRate": 2e-3}};
    an unknown name is an error (a typo must not be dropped silently)."""
    paths = {f.metadata["api"]: (part, f.name) for part, cls in _PARTS.items() for f in fields(cls) if "api" in f.metadata}
    unknown = sorted(set(hyperparameters) - set(paths))
    if unknown:
        raise ValueError(f"unknown hyperparameter(s) {', '.join(unknown)}")
    spec: dict = {"lora": {}, "training": {}}
    for name, value in hyperparameters.items():
        part, key = paths[name]
        spec[part][key] = value
    return spec
