#!/usr/bin/env bash
# `npm run create-admin -- --email ...`: scripts/create-admin.ts with the settings of .env.
source "$(dirname "$0")/lib.sh"
cd "$ROOT"
[ -f .env ] && load_env_file .env
load_env_file .env.example
exec npx tsx scripts/create-admin.ts "$@"
