#!/usr/bin/env bash
# Creates/refreshes the trainer's virtualenv at <repo>/.venv. Idempotent: when the hash of
# requirements.txt + pyproject.toml matches .venv/.requirements-hash it exits at once, so CI and
# later sessions reuse the (multi-GB, CUDA torch) install instead of reinstalling.
set -euo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TRAINER_DIR="$REPO_ROOT/workers/trainer"
VENV="$REPO_ROOT/.venv"
HASH_FILE="$VENV/.requirements-hash"
PYTHON="${PYTHON:-python3}"

want_hash="$(cat "$TRAINER_DIR/requirements.txt" "$TRAINER_DIR/pyproject.toml" | sha256sum | cut -d' ' -f1)"

if [[ -x "$VENV/bin/python" && -f "$HASH_FILE" && "$(cat "$HASH_FILE")" == "$want_hash" ]]; then
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
# --no-deps: requirements.txt already pinned everything; this only links the package source.
"$VENV/bin/python" -m pip install --quiet --disable-pip-version-check --no-deps -e "$TRAINER_DIR" >&2
echo "$want_hash" > "$HASH_FILE"
echo "python env: installed .venv (${want_hash:0:12})"
