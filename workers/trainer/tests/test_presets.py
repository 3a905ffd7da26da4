"""presets.json (read by the Node side) must be specs the trainer accepts as they are."""
import json

from conftest import TRAINER_DIR
from lora_trainer.config import _build, TrainSpec, validate


def test_presets_are_valid_spec_fragments():
    presets = json.loads((TRAINER_DIR / "presets.json").read_text(encoding="utf-8"))
    assert {"cpu-demo", "gpu-tutorial"} <= set(presets)
    for name, preset in presets.items():
        if name.startswith("$"):
            continue
        spec = _build(TrainSpec, {"baseModelPath": "/m", "train": "/t", "outputDir": "/o", "adapterDir": "/a",
                                  "promptTemplate": preset["promptTemplate"], "labelWords": preset["labelWords"],
                                  "lora": preset["lora"], "training": preset["training"]}, "")
        validate(spec)
