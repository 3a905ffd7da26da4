#!/usr/bin/env bash
# Builds the demo base model (a tiny random-weight Llama with a real Chinese tokenizer) once.
# Usage: ensure-demo-model.sh DIR
source "$(dirname "$0")/lib.sh"
dir="${1:?usage: ensure-demo-model.sh DIR}"
[ -f "$dir/config.json" ] && exit 0
say "building the demo model in ${dir#$ROOT/}"
mkdir -p "$(dirname "$dir")"
"$ROOT/.venv/bin/python" -m lora_trainer make-demo-model "$dir" >&2
