#!/usr/bin/env bash
# `npm run up`: installs whatever is missing, starts the whole product on the embedded default
# (local Postgres and Redis, one vLLM on the CPU per built-in base model: the demo model and
# SmolLM2-135M-Instruct) and serves the dashboard on :3000 of this machine (HOST=0.0.0.0 in .env
# serves the network).
# Ctrl-C stops everything it started. A second run is fast and keeps the data.
source "$(dirname "$0")/lib.sh"
cd "$ROOT"
bash scripts/ensure-system.sh
bash scripts/ensure-node-deps.sh
bash scripts/ensure-python-env.sh
bash scripts/ensure-vllm-env.sh

if [ ! -f .env ]; then
  cp .env.example .env
  say "created .env from .env.example (edit it to change settings)"
fi
load_settings
mkdir -p "$DATA_DIR" .logs

services_before="$(bash scripts/services.sh status)"
bash scripts/services.sh start
say "applying database migrations"
npx prisma migrate deploy > .logs/migrate.log 2>&1 || { cat .logs/migrate.log; die "migrations failed"; }
npx tsx scripts/seed.ts
bash scripts/ensure-demo-model.sh "$DATA_DIR/models/demo-tiny-zh"
smollm2_dir="$DATA_DIR/models/smollm2-135m-instruct"
bash scripts/ensure-smollm2.sh "$smollm2_dir"
bash scripts/build-web.sh

pids=()
stop_all() {
  trap - INT TERM EXIT
  say "stopping"
  # Each process runs in a group of its own (setsid): signal the whole group, so that npx's
  # children (node, tsx) and vLLM's engine processes stop too.
  for pid in "${pids[@]}"; do kill -TERM -"$pid" 2>/dev/null || true; done
  # Wait for every group to go before stopping Postgres and Redis: the worker flushes metrics on
  # its way out, and hangs on a Redis that is already gone.
  for _ in $(seq 60); do
    alive=0
    for pid in "${pids[@]}"; do kill -0 -"$pid" 2>/dev/null && alive=1; done
    [ "$alive" -eq 0 ] && break
    sleep 0.5
  done
  for pid in "${pids[@]}"; do kill -KILL -"$pid" 2>/dev/null || true; done
  grep -q "postgres: down" <<<"$services_before" && bash scripts/services.sh stop
  exit 0
}
trap stop_all INT TERM EXIT

# `npm run up` stopped with SIGTERM (a process manager, `kill <npm pid>`) exits without passing the
# signal on, which left this script and the whole stack running: stop with whoever launched us.
launcher=$PPID
( while kill -0 "$launcher" 2>/dev/null; do sleep 1; done; kill -TERM $$ 2>/dev/null ) &

# One vLLM on the CPU per built-in base model, each on its own port, adapters hot-loaded at run time
# (scripts/start-inference.sh MODEL_DIR PORT): the demo model on INFERENCE_URL, SmolLM2 on
# SMOLLM2_INFERENCE_URL.
url_port() { local hp="${1#*://}"; hp="${hp%%/*}"; echo "${hp##*:}"; }
setsid env INFERENCE_MODEL_NAME=demo-tiny-zh bash scripts/start-inference.sh "$DATA_DIR/models/demo-tiny-zh" "$(url_port "$INFERENCE_URL")" \
  >> .logs/inference.log 2>&1 & pids+=($!)
if [ -f "$smollm2_dir/config.json" ]; then
  setsid env INFERENCE_MODEL_NAME=smollm2-135m-instruct INFERENCE_URL="$SMOLLM2_INFERENCE_URL" \
    bash scripts/start-inference.sh "$smollm2_dir" "$(url_port "$SMOLLM2_INFERENCE_URL")" >> .logs/inference-smollm2.log 2>&1 & pids+=($!)
else
  say "no SmolLM2 model at $smollm2_dir: its server is not started (health reports it down)"
fi
setsid npx tsx workers/gpu/src/main.ts >> .logs/worker.log 2>&1 & pids+=($!)
# On 127.0.0.1 unless HOST says otherwise (apps/web/server.mjs).
web_log_start=$(wc -c < .logs/web.log 2>/dev/null || echo 0)
setsid node apps/web/server.mjs >> .logs/web.log 2>&1 & web_pid=$!; pids+=($web_pid)
case "${HOST:-127.0.0.1}" in
  0.0.0.0|::) web_host=127.0.0.1 ;;
  *:*) web_host="[$HOST]" ;;
  *) web_host="${HOST:-127.0.0.1}" ;;
esac

for _ in $(seq 120); do
  curl -fsS "http://$web_host:${PORT:-3000}/api/health" >/dev/null 2>&1 && break
  # A setting it refuses (a short API_TOKEN, say) stops it at once: show why here, not only in the log.
  if ! kill -0 "$web_pid" 2>/dev/null; then
    tail -c +"$((web_log_start + 1))" .logs/web.log | tail -n 20
    die "the dashboard stopped: see above (.logs/web.log)"
  fi
  sleep 0.5
done
say "dashboard: http://${web_host/127.0.0.1/localhost}:${PORT:-3000}  (listening on ${HOST:-127.0.0.1}; HOST=0.0.0.0 in .env serves the network)"
if [ -f "$DATA_DIR/setup-code" ]; then
  say "no account yet: the first visit creates the admin (or: npm run create-admin -- --email you@example.com);"
  say "  from another machine the setup page asks for this code: $(cat "$DATA_DIR/setup-code")"
fi
say "health:    $(curl -sS "http://$web_host:${PORT:-3000}/api/health" 2>/dev/null || echo 'not answering yet')"
say "logs:      .logs/web.log, .logs/worker.log, .logs/inference.log (demo), .logs/inference-smollm2.log, .logs/postgres.log, .logs/redis.log"
say "the inference servers take a minute or so each to start on the CPU; health says ok once every one answers"
say "press Ctrl-C to stop everything"
# Exit (and stop the rest) as soon as one of the product's processes dies.
wait -n "${pids[@]}"
say "a process exited: see .logs/"
