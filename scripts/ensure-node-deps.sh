#!/usr/bin/env bash
# Runs `npm ci` only when package-lock.json changed since the last install, and regenerates the
# Prisma client only when the schema changed.
source "$(dirname "$0")/lib.sh"
cd "$ROOT"

lock_hash="$(hash_files package-lock.json)"
if [ "$(cat node_modules/.loraboard-lock-hash 2>/dev/null)" != "$lock_hash" ]; then
  say "installing npm dependencies (package-lock.json changed)"
  npm ci --no-audit --no-fund --loglevel=error
  echo "$lock_hash" > node_modules/.loraboard-lock-hash
fi

schema_hash="$(hash_files prisma/schema.prisma package-lock.json)"
generated="packages/db/src/generated"
if [ "$(cat "$generated/.schema-hash" 2>/dev/null)" != "$schema_hash" ]; then
  say "generating the Prisma client"
  DATABASE_URL="${DATABASE_URL:-postgresql://unused@127.0.0.1/unused}" npx prisma generate >/dev/null
  echo "$schema_hash" > "$generated/.schema-hash"
fi
