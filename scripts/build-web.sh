#!/usr/bin/env bash
# Builds the dashboard for production only when its sources or the shared packages changed.
source "$(dirname "$0")/lib.sh"
cd "$ROOT"
# The Prisma client (packages/db/src/generated, not committed) stands in by its schema; the trainer
# contract generated into packages/contracts is committed source and counts like any other.
sources_hash="$( (find apps/web/src apps/web/*.ts apps/web/*.mjs apps/web/package.json packages/*/src prisma/schema.prisma -type f \
  -not -name '*.test.ts' -not -path 'packages/db/src/generated/*' -print0 | sort -z | xargs -0 cat; cat package-lock.json) | sha256sum | cut -c1-16)"
if [ -f apps/web/.next/BUILD_ID ] && [ "$(cat apps/web/.next/.loraboard-sources-hash 2>/dev/null)" = "$sources_hash" ]; then
  exit 0
fi
say "building the dashboard (sources changed)"
mkdir -p "$ROOT/.logs"
# The build needs settings to exist, not to be right: real values are read when the server starts.
(cd apps/web && DATABASE_URL="${DATABASE_URL:-postgresql://build@127.0.0.1/build}" NEXT_TELEMETRY_DISABLED=1 \
  npx next build > "$ROOT/.logs/web-build.log" 2>&1) || { tail -40 "$ROOT/.logs/web-build.log"; die "the dashboard build failed: see .logs/web-build.log"; }
echo "$sources_hash" > apps/web/.next/.loraboard-sources-hash
