#!/usr/bin/env bash
# `npm run create-admin -- --email ...`: scripts/create-admin.ts with the settings of .env.
source "$(dirname "$0")/lib.sh"
cd "$ROOT"
load_settings
exec npx tsx scripts/create-admin.ts "$@"
