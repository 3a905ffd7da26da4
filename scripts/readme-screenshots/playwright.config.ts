// `npm run screenshots`: the README's pictures from one real run through the product (the e2e
// stack: built dashboard, worker, vLLM on the CPU), kept out of `npm test` because it trains on
// the whole review dataset (about 10 to 30 minutes on 2 cores). Arguments pick a spec:
// `npm run screenshots -- readme.spec.ts` (the demo model's pictures) or `smollm2.spec.ts`.
import path from "node:path";
import { defineConfig } from "@playwright/test";
import base from "../../playwright.config";

const ROOT = path.resolve(import.meta.dirname, "../..");
const SMOLLM2_URL = process.env.SMOLLM2_INFERENCE_URL ?? "http://127.0.0.1:8101";
const servers = Array.isArray(base.webServer) ? base.webServer : base.webServer ? [base.webServer] : [];

export default defineConfig({
  ...base,
  testDir: ".",
  globalSetup: "../../e2e/global-setup.ts",
  outputDir: "../../e2e/artifacts/readme-results",
  timeout: 60 * 60_000,
  reporter: [["list"]],
  // Each server starts from the repository's root, as under the main config; smollm2.spec.ts also
  // needs SmolLM2's own vLLM (as `npm run up` starts it), which the e2e tests leave out.
  webServer: [
    ...servers.map((server) => ({ ...server, cwd: ROOT })),
    {
      command: `bash scripts/start-inference.sh "$DATA_DIR/models/smollm2-135m-instruct"`,
      env: { INFERENCE_URL: SMOLLM2_URL, INFERENCE_MODEL_NAME: "smollm2-135m-instruct" },
      url: `${SMOLLM2_URL}/health`,
      cwd: ROOT,
      reuseExistingServer: false,
      timeout: 300_000,
      stdout: "pipe" as const,
    },
  ],
});
