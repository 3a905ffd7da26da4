#!/usr/bin/env bash
# `npm run screenshots [-- SPEC]`: redraws docs/images from a real run on the test stack (scripts/test-env.sh:
# its own database, Redis index and DATA_DIR), as `npm test` would start it.
source "$(dirname "$0")/../lib.sh"
cd "$ROOT"
bash scripts/services.sh start
# The virtualenvs may be shared with another checkout (CI keeps them outside its clones): train and
# serve with this checkout's trainer and vLLM plugin, as `npm run up` and `npm test` do.
bash scripts/ensure-python-env.sh
bash scripts/ensure-vllm-env.sh
source scripts/test-env.sh
mkdir -p "$DATA_DIR"
bash scripts/ensure-demo-model.sh "$DATA_DIR/models/demo-tiny-zh"
bash scripts/ensure-smollm2.sh "$DATA_DIR/models/smollm2-135m-instruct"
bash scripts/build-web.sh
# The demo model's pictures by default; smollm2.spec.ts only when named (it trains SmolLM2 on the CPU for
# ~20 minutes, then evaluates 2 x 1,200 test rows on its vLLM).
npx playwright test --config scripts/readme-screenshots/playwright.config.ts "${@:-readme.spec.ts}"
