#!/usr/bin/env bash
# Starts the embedded default's inference server in the foreground: vLLM on the CPU (.venv-vllm,
# see ensure-vllm-env.sh) serving the demo model under its id, LoRA on, runtime adapter loading
# allowed (docs/vllm.md). Same flags as docker-compose's vllm/vllm-openai service.
# Listens on INFERENCE_URL's host and port. SIGTERM/SIGINT stop it (and its engine processes).
#
# Settings (environment; .env/.env.example are read when not already set):
#   INFERENCE_URL              where to listen (http://127.0.0.1:8000)
#   INFERENCE_MODEL_DIR        base model directory (DATA_DIR/models/demo-tiny-zh)
#   INFERENCE_MODEL_NAME       served model name = the base model's id (demo-tiny-zh)
#   VLLM_CPU_KVCACHE_SPACE     KV cache in GiB (1)
#   VLLM_CPU_OMP_THREADS_BIND  auto | core list | nobind (nobind: the trainer shares the cores)
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT"
load_settings

url="${INFERENCE_URL:?INFERENCE_URL is not set}"
hostport="${url#*://}"; hostport="${hostport%%/*}"
host="${hostport%%:*}"; port="${hostport##*:}"
[ "$port" = "$hostport" ] && port=80
model_dir="${INFERENCE_MODEL_DIR:-$DATA_DIR/models/demo-tiny-zh}"
model_name="${INFERENCE_MODEL_NAME:-demo-tiny-zh}"
python="$ROOT/.venv-vllm/bin/python"

[ -x "$python" ] || die "no .venv-vllm: run bash scripts/ensure-vllm-env.sh first"
[ -f "$model_dir/config.json" ] || die "no model at $model_dir: run bash scripts/ensure-demo-model.sh $model_dir"

export VLLM_ALLOW_RUNTIME_LORA_UPDATING=True
export VLLM_CPU_KVCACHE_SPACE="${VLLM_CPU_KVCACHE_SPACE:-1}"
export VLLM_CPU_OMP_THREADS_BIND="${VLLM_CPU_OMP_THREADS_BIND:-nobind}"
export VLLM_NO_USAGE_STATS=1 DO_NOT_TRACK=1 HF_HUB_OFFLINE=1 TRANSFORMERS_OFFLINE=1

exec "$python" -m vllm.entrypoints.openai.api_server \
  --model "$(cd "$model_dir" && pwd)" --served-model-name "$model_name" \
  --enable-lora --max-lora-rank 64 --max-loras 4 --max-cpu-loras 8 --max-model-len 2048 \
  --dtype bfloat16 --host "$host" --port "$port" "$@"
