#!/usr/bin/env bash
# Starts one inference server in the foreground: vLLM on the CPU (.venv-vllm, see
# ensure-vllm-env.sh) serving ONE base model under its id, LoRA on, runtime adapter loading allowed
# (docs/vllm.md). One vLLM serves one base model: `npm run up` starts one per built-in model. Same
# flags as docker-compose's vllm/vllm-openai services. SIGTERM/SIGINT stop it (and its engine processes).
#
# Usage: start-inference.sh [MODEL_DIR [PORT]] [-- extra vllm flags]
#   MODEL_DIR  the base model directory (default INFERENCE_MODEL_DIR, else DATA_DIR/models/demo-tiny-zh);
#              served under its directory name (DATA_DIR/models/<base model id>) unless INFERENCE_MODEL_NAME says
#   PORT       listen on INFERENCE_URL's host and this port (default: INFERENCE_URL's port)
#
# Settings (environment; .env/.env.example are read when not already set):
#   INFERENCE_URL              where to listen (http://127.0.0.1:8000)
#   INFERENCE_MODEL_DIR        base model directory when no MODEL_DIR is given
#   INFERENCE_MODEL_NAME       served model name = the base model's id (MODEL_DIR's name)
#   VLLM_CPU_KVCACHE_SPACE     KV cache in GiB (1)
#   VLLM_CPU_OMP_THREADS_BIND  auto | core list | nobind (nobind: the trainer shares the cores)
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
cd "$ROOT"
load_settings

arg_dir=""; arg_port=""
if [ $# -gt 0 ] && [ "$1" != "--" ]; then arg_dir="$1"; shift; fi
if [ $# -gt 0 ] && [ "$1" != "--" ]; then arg_port="$1"; shift; fi
[ "${1:-}" = "--" ] && shift

url="${INFERENCE_URL:?INFERENCE_URL is not set}"
hostport="${url#*://}"; hostport="${hostport%%/*}"
host="${hostport%%:*}"; port="${hostport##*:}"
[ "$port" = "$hostport" ] && port=80
[ -n "$arg_port" ] && port="$arg_port"
case "$port" in ''|*[!0-9]*) die "PORT must be a number, not '$port' (usage: start-inference.sh [MODEL_DIR [PORT]])" ;; esac
model_dir="${arg_dir:-${INFERENCE_MODEL_DIR:-$DATA_DIR/models/demo-tiny-zh}}"
model_dir="${model_dir%/}"
model_name="${INFERENCE_MODEL_NAME:-$(basename "$model_dir")}"
python="$ROOT/.venv-vllm/bin/python"

[ -x "$python" ] || die "no .venv-vllm: run bash scripts/ensure-vllm-env.sh first"
[ -f "$model_dir/config.json" ] || die "no model at $model_dir: run bash scripts/ensure-demo-model.sh (the demo) or scripts/ensure-smollm2.sh (SmolLM2) for it"

export VLLM_ALLOW_RUNTIME_LORA_UPDATING=True
export VLLM_CPU_KVCACHE_SPACE="${VLLM_CPU_KVCACHE_SPACE:-1}"
export VLLM_CPU_OMP_THREADS_BIND="${VLLM_CPU_OMP_THREADS_BIND:-nobind}"
export VLLM_NO_USAGE_STATS=1 DO_NOT_TRACK=1 HF_HUB_OFFLINE=1 TRANSFORMERS_OFFLINE=1

exec "$python" -m vllm.entrypoints.openai.api_server \
  --model "$(cd "$model_dir" && pwd)" --served-model-name "$model_name" \
  --enable-lora --max-lora-rank 64 --max-loras 4 --max-cpu-loras 8 --max-model-len 2048 \
  --dtype bfloat16 --host "$host" --port "$port" "$@"
