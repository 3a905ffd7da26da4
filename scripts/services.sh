#!/usr/bin/env bash
# Starts, stops or reports the local Postgres and Redis the embedded default runs on. Their data
# lives in .data/ (git-ignored), so a restart keeps it. Usage: services.sh start|stop|status
source "$(dirname "$0")/lib.sh"
cd "$ROOT"
load_settings
parse_database_url

PG_BIN="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)"
PG_DATA="$ROOT/.data/postgres"
PG_SOCKET_DIR="$ROOT/.data/postgres-socket"
REDIS_DIR="$ROOT/.data/redis"
REDIS_PORT="$(redis_port)"
mkdir -p "$ROOT/.data" "$ROOT/.logs"

# Postgres refuses to run as root: as root, run its tools as the `postgres` system user.
as_pg() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
pg_is_up() { "$PG_BIN/pg_isready" -q -h 127.0.0.1 -p "$PGPORT_APP" 2>/dev/null; }
# Our own cluster, as opposed to whatever answers on the port (another checkout's, say).
pg_is_ours_up() { [ -f "$PG_DATA/postmaster.pid" ] && as_pg "$PG_BIN/pg_ctl" -D "$PG_DATA" status >/dev/null 2>&1; }
redis_is_up() { redis-cli -p "$REDIS_PORT" ping 2>/dev/null | grep -q PONG; }
redis_is_ours_up() { redis_is_up && [ "$(redis-cli -p "$REDIS_PORT" config get dir 2>/dev/null | tail -n 1)" = "$REDIS_DIR" ]; }
psql_admin() { as_pg "$PG_BIN/psql" -h "$PG_SOCKET_DIR" -p "$PGPORT_APP" -U postgres -d postgres -qtA -v ON_ERROR_STOP=1 "$@"; }

start_postgres() {
  [ -n "$PG_BIN" ] || die "PostgreSQL is not installed: run scripts/ensure-system.sh"
  if [ ! -f "$PG_DATA/PG_VERSION" ]; then
    say "creating the Postgres cluster in .data/postgres"
    mkdir -p "$PG_DATA" "$PG_SOCKET_DIR"
    [ "$(id -u)" -eq 0 ] && chown postgres:postgres "$PG_DATA" "$PG_SOCKET_DIR"
    chmod 700 "$PG_DATA"
    as_pg "$PG_BIN/initdb" -D "$PG_DATA" -U postgres --auth-local=trust --auth-host=scram-sha-256 \
      --encoding=UTF8 --locale=C.UTF-8 >/dev/null
  fi
  mkdir -p "$PG_SOCKET_DIR"; [ "$(id -u)" -eq 0 ] && chown postgres:postgres "$PG_SOCKET_DIR"
  if ! pg_is_ours_up; then
    pg_is_up && die "port $PGPORT_APP already has a Postgres that is not this checkout's (.data/postgres): stop it, or set another port in DATABASE_URL"
    touch "$ROOT/.logs/postgres.log"; [ "$(id -u)" -eq 0 ] && chown postgres "$ROOT/.logs/postgres.log"
    as_pg "$PG_BIN/pg_ctl" -D "$PG_DATA" -l "$ROOT/.logs/postgres.log" -w -t 60 start \
      -o "-p $PGPORT_APP -c listen_addresses=127.0.0.1 -k $PG_SOCKET_DIR -c fsync=on" >/dev/null
  fi
  # The application role and its databases (the product's, and the tests' own).
  psql_admin -c "DO \$\$BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$PGUSER_APP') THEN
      CREATE ROLE \"$PGUSER_APP\" LOGIN CREATEDB PASSWORD '$PGPASSWORD_APP'; END IF; END\$\$;"
  for db in "$PGDATABASE_APP" "${PGDATABASE_APP}_test"; do
    if [ -z "$(psql_admin -c "SELECT 1 FROM pg_database WHERE datname = '$db'")" ]; then
      psql_admin -c "CREATE DATABASE \"$db\" OWNER \"$PGUSER_APP\""
    fi
  done
}

start_redis() {
  command -v redis-server >/dev/null || die "Redis is not installed: run scripts/ensure-system.sh"
  if redis_is_up; then
    # Another checkout's Redis on this port would mix queues: only ours (its pid file) is reused.
    redis_is_ours_up && return 0
    die "port $REDIS_PORT already has a Redis that is not this checkout's (.data/redis): stop it, or set another port in REDIS_URL"
  fi
  mkdir -p "$REDIS_DIR"
  # Append-only persistence keeps queued jobs across restarts; results themselves live in Postgres.
  redis-server --daemonize yes --bind 127.0.0.1 --port "$REDIS_PORT" --dir "$REDIS_DIR" \
    --appendonly yes --save "" --pidfile "$REDIS_DIR/redis.pid" --logfile "$ROOT/.logs/redis.log"
  for _ in $(seq 50); do redis_is_up && return 0; sleep 0.1; done
  die "Redis did not start on port $REDIS_PORT: see .logs/redis.log"
}

case "${1:-}" in
  start) start_postgres; start_redis ;;
  stop)
    pg_is_ours_up && as_pg "$PG_BIN/pg_ctl" -D "$PG_DATA" -m fast -w stop >/dev/null || true
    redis_is_ours_up && redis-cli -p "$REDIS_PORT" shutdown nosave >/dev/null 2>&1 || true ;;
  status)
    pg_is_ours_up && echo "postgres: up (port $PGPORT_APP)" || echo "postgres: down"
    redis_is_ours_up && echo "redis: up (port $REDIS_PORT)" || echo "redis: down" ;;
  *) die "usage: scripts/services.sh start|stop|status" ;;
esac
