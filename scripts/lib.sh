# Shared helpers for the project's scripts. Source it; it sets ROOT and a few functions.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
export ROOT

say() { printf '\033[1;34m[loraboard]\033[0m %s\n' "$*"; }
die() { printf '\033[1;31m[loraboard]\033[0m %s\n' "$*" >&2; exit 1; }

# Hash of files' contents, used to skip installs whose inputs did not change.
hash_files() { cat "$@" 2>/dev/null | sha256sum | cut -c1-16; }

# Loads KEY=VALUE lines from a dotenv file into the environment without overriding variables
# already set (so CI or a shell can override any setting), and makes relative paths absolute.
# Keys named after the file are skipped.
load_env_file() {
  local file="$1" line key value
  shift
  while IFS= read -r line || [ -n "$line" ]; do
    case "$line" in ''|'#'*) continue ;; esac
    key="${line%%=*}"; value="${line#*=}"
    [ -n "${!key+x}" ] && continue
    case " $* " in *" $key "*) continue ;; esac
    export "$key=$value"
  done < "$file"
  for key in DATA_DIR PYTHON_BIN; do
    value="${!key:-}"
    if [ -n "$value" ] && [ "${value#/}" = "$value" ]; then export "$key=$ROOT/$value"; fi
  done
}

# Settings that are secrets: only ever the operator's own (environment or .env), never the public
# template's, so a secret commented out of .env is unset rather than .env.example's value.
SECRET_SETTINGS=(API_TOKEN AUTH_SECRET)

# The scripts' settings: the environment, then .env, then .env.example's defaults except secrets.
load_settings() {
  if [ -f "$ROOT/.env" ]; then load_env_file "$ROOT/.env"; fi
  load_env_file "$ROOT/.env.example" "${SECRET_SETTINGS[@]}"
}

# Parses host, port, user, password and database name out of DATABASE_URL.
parse_database_url() {
  local rest="${DATABASE_URL#*://}"
  local creds="${rest%%@*}" hostpart="${rest#*@}"
  PGUSER_APP="${creds%%:*}"; PGPASSWORD_APP="${creds#*:}"
  local hostport="${hostpart%%/*}"; PGDATABASE_APP="${hostpart#*/}"; PGDATABASE_APP="${PGDATABASE_APP%%\?*}"
  PGHOST_APP="${hostport%%:*}"; PGPORT_APP="${hostport#*:}"
  [ "$PGPORT_APP" = "$hostport" ] && PGPORT_APP=5432
  return 0
}

redis_port() { local hp="${REDIS_URL#*://}"; hp="${hp##*@}"; hp="${hp%%/*}"; echo "${hp#*:}"; }

# The Prisma CLI wants native engine files to exist even with the JS engine it actually uses;
# any existing file stops it from trying to download them (see docs/environment.md).
export PRISMA_SCHEMA_ENGINE_BINARY="$ROOT/package.json" PRISMA_QUERY_ENGINE_LIBRARY="$ROOT/package.json"
