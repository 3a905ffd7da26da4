#!/usr/bin/env bash
# Creates/refreshes the trainer's virtualenv at <repo>/.venv. Idempotent: when the hash of
# requirements.txt + pyproject.toml matches .venv/.requirements-hash it exits at once, so CI and
# later sessions reuse the (multi-GB, CUDA torch) install instead of reinstalling.
set -euo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TRAINER_DIR="$REPO_ROOT/workers/trainer"
# Resolved: CI links .venv to a cache outside its clone, and pip writes the interpreter's path into
# every console script it installs; through the link that path dies with the clone.
VENV="$(readlink -f "$REPO_ROOT/.venv")"
HASH_FILE="$VENV/.requirements-hash"
PYTHON="${PYTHON:-python3}"

want_hash="$(cat "$TRAINER_DIR/requirements.txt" "$TRAINER_DIR/pyproject.toml" | sha256sum | cut -d' ' -f1)"

link_trainer_source() {
  # --no-deps: requirements.txt already pinned everything; this only links the package source.
  "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check --no-deps -e "$TRAINER_DIR" >&2
  echo "$TRAINER_DIR" > "$VENV/.trainer-source"
}

if [[ -x "$VENV/bin/python" && -f "$HASH_FILE" && "$(cat "$HASH_FILE")" == "$want_hash" ]]; then
  # A virtualenv reused from another checkout (CI keeps one outside its clones) must import this
  # checkout's lora_trainer: re-link the editable install when the source moved.
  if [[ "$(cat "$VENV/.trainer-source" 2>/dev/null)" != "$TRAINER_DIR" ]]; then
    link_trainer_source
    echo "python env: .venv up to date (${want_hash:0:12}), trainer linked to this checkout"
    exit 0
  fi
  echo "python env: .venv up to date (${want_hash:0:12})"
  exit 0
fi

if [[ ! -x "$VENV/bin/python" ]]; then
  "$PYTHON" -m venv "$VENV"
fi
# Drop the stamp first so an interrupted install is retried next time.
rm -f "$HASH_FILE"
"$VENV/bin/python" -m pip install --quiet --disable-pip-version-check --upgrade pip >&2
"$VENV/bin/python" -m pip install --quiet --disable-pip-version-check -r "$TRAINER_DIR/requirements.txt" >&2
link_trainer_source
echo "$want_hash" > "$HASH_FILE"
echo "python env: installed .venv (${want_hash:0:12})"
