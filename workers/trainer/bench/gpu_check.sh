#!/usr/bin/env bash
# One-shot run on the accelerator machine (torch/transformers/peft preinstalled, no network):
# (1) the GPU path of the real CLI: demo model, bf16, a few dozen steps, then predict;
# (2) a parallel sweep of demo-preset candidates (fp32, like the CPU) to pick the CPU defaults.
# Needs the split in .cache/demo/split (carry it). Results go to $OUT.
set -uo pipefail
export PYTHONPATH="$PWD/workers/trainer/src" HF_HUB_OFFLINE=1 TOKENIZERS_PARALLELISM=false
OUT="${OUT:-/tmp/gpu-out}"; mkdir -p "$OUT"
WORK=/tmp/gpu-work; mkdir -p "$WORK"
SPLIT="$PWD/.cache/demo/split"
python3 -m lora_trainer make-demo-model "$WORK/model" 2> "$OUT/make-model.err"

i=0
while IFS= read -r cfg; do
  [ -z "$cfg" ] && continue
  OMP_NUM_THREADS=1 python3 workers/trainer/bench/sweep_demo.py "$cfg" "$WORK/model" "$SPLIT" > "$OUT/sweep-$i.log" 2> "$OUT/sweep-$i.err" &
  i=$((i+1))
done < "${SWEEP:-workers/trainer/bench/sweep.txt}"

cat > "$WORK/spec.json" <<JSON
{"jobId":"gpu-check","baseModelPath":"$WORK/model","train":"$SPLIT/train.jsonl","val":"$SPLIT/val.jsonl",
 "outputDir":"$WORK/out","adapterDir":"$WORK/adapter",
 "lora":{"r":8,"alpha":16,"dropout":0.05,"targetModules":["q_proj","v_proj"]},
 "training":{"learningRate":2e-3,"epochs":1,"batchSize":32,"gradientAccumulationSteps":1,"maxLength":256,"evalSteps":20,"loggingSteps":10,"maxSteps":60,"seed":42}}
JSON
nvidia-smi --query-gpu=name --format=csv,noheader > "$OUT/gpu.txt"
python3 -c "import torch, transformers, peft; print(torch.__version__, transformers.__version__, peft.__version__)" >> "$OUT/gpu.txt"
python3 -m lora_trainer train "$WORK/spec.json" > "$OUT/gpu-events.jsonl" 2> "$OUT/gpu-train.err"; echo "train rc=$?" >> "$OUT/gpu.txt"
head -300 "$SPLIT/test.jsonl" > "$WORK/test300.jsonl"
python3 -m lora_trainer predict --base "$WORK/model" --adapter "$WORK/adapter" --input "$WORK/test300.jsonl" --batch-size 64 > "$OUT/gpu-pred.jsonl" 2> "$OUT/gpu-pred.err"; echo "predict rc=$?" >> "$OUT/gpu.txt"
cp "$WORK/adapter/adapter_config.json" "$OUT/" 2>/dev/null
wait
tail -n 3 "$OUT"/sweep-*.log
cat "$OUT/gpu.txt"; tail -n 2 "$OUT/gpu-pred.err"
