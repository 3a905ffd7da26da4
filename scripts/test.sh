#!/usr/bin/env bash
# `npm test`: installs what is missing, starts Postgres and Redis if they are not running, then
# runs every suite against them: the TypeScript typecheck, unit, integration, the Python trainer's, the vLLM plugin's, and the browser tests.
source "$(dirname "$0")/lib.sh"
cd "$ROOT"
bash scripts/ensure-system.sh
bash scripts/ensure-node-deps.sh
bash scripts/ensure-python-env.sh
bash scripts/ensure-vllm-env.sh

# Only stop afterwards what this run started (`npm run up` may be using the same services).
services_before="$(bash scripts/services.sh status)"
bash scripts/services.sh start
stop_services() { grep -q "postgres: down" <<<"$services_before" && bash scripts/services.sh stop || true; }
trap stop_services EXIT

source scripts/test-env.sh
mkdir -p "$DATA_DIR" "$ROOT/.logs"
bash scripts/ensure-demo-model.sh "$DATA_DIR/models/demo-tiny-zh"
bash scripts/build-web.sh

passed=0; failed=0; failed_names=()
run_suite() {
  local name="$1"; shift
  say "suite: $name"
  if "$@"; then passed=$((passed + 1)); else failed=$((failed + 1)); failed_names+=("$name"); fi
}
run_suite typecheck npx tsc -p tsconfig.json --noEmit
run_suite unit npx vitest run --project unit
run_suite integration npx vitest run --project integration
run_suite python .venv/bin/python -m pytest -q workers/trainer/tests
run_suite vllm-plugin .venv-vllm/bin/python -m unittest discover -s workers/vllm-plugin/tests
run_suite e2e npx playwright test

[ "$failed" -eq 0 ] || say "failed suites: ${failed_names[*]}"
echo "suites: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
