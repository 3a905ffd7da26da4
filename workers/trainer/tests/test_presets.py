"""presets.json (the one copy; the dashboard reads it through the generated TypeScript) must give specs
the trainer accepts as they are."""
import pytest

from lora_trainer.config import TrainSpec, _build, validate
from lora_trainer import generate_contract
from lora_trainer.presets import read_presets, spec_from_hyperparameters

PATHS = {"baseModelPath": "/m", "train": "/t", "outputDir": "/o", "adapterDir": "/a"}


def test_presets_are_valid_specs():
    presets = read_presets()
    assert {"tutorial", "cpu-demo", "smollm2-cpu", "quick-check"} <= set(presets)
    for preset in presets.values():
        validate(_build(TrainSpec, {**PATHS, **spec_from_hyperparameters(preset["hyperparameters"])}, ""))


def test_cpu_demo_is_the_measured_recipe():
    spec = spec_from_hyperparameters(read_presets()["cpu-demo"]["hyperparameters"])
    assert spec["training"] == {"learningRate": 0.002, "epochs": 2, "batchSize": 32, "gradientAccumulationSteps": 1,
                                "maxLength": 160, "evalSteps": 100}
    assert spec["lora"] == {"targetModules": ["q_proj", "k_proj", "v_proj", "o_proj"]}


def test_each_built_in_model_has_its_measured_preset():
    from lora_trainer.config import DEMO_MODEL_ID, SMOLLM2_MODEL_ID

    by_model = {preset.get("baseModel"): name for name, preset in read_presets().items()}
    assert by_model[DEMO_MODEL_ID] == "cpu-demo" and by_model[SMOLLM2_MODEL_ID] == "smollm2-cpu"
    spec = spec_from_hyperparameters(read_presets()["smollm2-cpu"]["hyperparameters"])
    # the last 20 of its 30 blocks, compiled, without dropout's random masks (1.59x the samples/s with them,
    # workers/trainer/README.md): the GPU sweep's 20+ blocks learn as every block does
    assert spec["lora"] == {"r": 8, "alpha": 16, "dropout": 0, "targetModules": ["q_proj", "k_proj", "v_proj", "o_proj"],
                            "topLayers": 20}
    assert spec["training"]["maxLength"] == 256 and spec["training"]["torchCompile"] is True


def test_unknown_hyperparameter_is_refused():
    with pytest.raises(ValueError, match="loraRank"):
        spec_from_hyperparameters({"loraRank": 8})


def test_the_best_checkpoints_metric_and_patience_are_api_hyperparameters():
    """Issue 17: the API and the form set them by these names, and they land in the spec's training part."""
    spec = spec_from_hyperparameters({"metricForBestModel": "eval_loss", "earlyStoppingPatience": 3})
    assert spec["training"] == {"metricForBestModel": "eval_loss", "earlyStoppingPatience": 3}
    table = generate_contract.hyperparameter_table()
    assert table["earlyStoppingPatience"]["nullable"] is True
    assert table["earlyStoppingPatience"]["rule"] == "must be an integer from 1 to 1000 or null"
    assert table["metricForBestModel"]["enum"] == ["eval_accuracy", "eval_macro_f1", "eval_loss"]
    assert table["metricForBestModel"]["default"] == "eval_accuracy"
