// `npm run screenshots`: the README's pictures from one real run through the product (the e2e
// stack: built dashboard, worker, vLLM on the CPU), kept out of `npm test` because it trains on
// the whole review dataset (about 10 to 30 minutes on 2 cores).
import path from "node:path";
import { defineConfig } from "@playwright/test";
import base from "../../playwright.config";

const ROOT = path.resolve(import.meta.dirname, "../..");
const servers = Array.isArray(base.webServer) ? base.webServer : base.webServer ? [base.webServer] : [];

export default defineConfig({
  ...base,
  testDir: ".",
  globalSetup: "../../e2e/global-setup.ts",
  outputDir: "../../e2e/artifacts/readme-results",
  timeout: 60 * 60_000,
  reporter: [["list"]],
  // Each server starts from the repository's root, as under the main config.
  webServer: servers.map((server) => ({ ...server, cwd: ROOT })),
});
