# Source this: the test settings, derived from .env.example so tests never touch the product's
# own data: a *_test database, Redis index 1, their own DATA_DIR and token.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
load_env_file "$ROOT/.env.example"
base_url="${DATABASE_URL%/*}"; db_name="${DATABASE_URL##*/}"
export DATABASE_URL="$base_url/${db_name%%\?*}_test"
export REDIS_URL="${REDIS_URL%/*}/1"
export DATA_DIR="$ROOT/.data/test-files"
export API_TOKEN="test-token-0123456789abcdef-0123456789"
# Side-by-side checkouts (git worktrees) pick their own ports with TEST_INFERENCE_URL,
# TEST_SMOLLM2_INFERENCE_URL and WEB_PORT_TEST, and their own Postgres/Redis ports with
# DATABASE_URL/REDIS_URL.
export INFERENCE_URL="${TEST_INFERENCE_URL:-http://127.0.0.1:8100}"
# SmolLM2's own server: tests never start it (slow on the CPU); nothing should listen here.
export SMOLLM2_INFERENCE_URL="${TEST_SMOLLM2_INFERENCE_URL:-http://127.0.0.1:8101}"
export WEB_PORT_TEST="${WEB_PORT_TEST:-3100}"
# Tests receive webhooks on this machine, and retry them at once.
export WEBHOOK_ALLOW_PRIVATE_URLS=true WEBHOOK_RETRY_BASE_SECONDS=0.2
export AUTH_SECRET="test-auth-secret-0123456789abcdef-0123456789"
