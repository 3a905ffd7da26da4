// End-to-end tests in Debian's Chromium (no browser download) against the real stack: the built
// dashboard and a GPU worker, on the test database, Redis index and DATA_DIR (scripts/test-env.sh).
import { defineConfig } from "@playwright/test";

const port = Number(process.env.WEB_PORT_TEST ?? 3100);
const baseURL = `http://127.0.0.1:${port}`;

export default defineConfig({
  testDir: "e2e",
  // The built-in base models, each with its own (test) inference server.
  globalSetup: "./e2e/global-setup.ts",
  outputDir: "e2e/artifacts/results",
  timeout: 120_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [["list"], ["html", { outputFolder: "e2e/artifacts/report", open: "never" }]],
  use: {
    baseURL,
    viewport: { width: 1366, height: 800 },
    screenshot: "on",
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--disable-quic", "--no-first-run"],
    },
  },
  webServer: [
    {
      // As `npm run up` starts it: no HOST, so it listens on 127.0.0.1 only (e2e/listen.spec.ts).
      command: `node apps/web/server.mjs`,
      env: { PORT: String(port), HOST: "" },
      url: `${baseURL}/api/health`,
      reuseExistingServer: false,
      timeout: 60_000,
      stdout: "pipe",
    },
    {
      // vLLM on the CPU serving the demo model (scripts/start-inference.sh), on the test port. The
      // e2e tests use the demo model only; SmolLM2's server (SMOLLM2_INFERENCE_URL) is not started.
      command: "bash scripts/start-inference.sh",
      url: `${process.env.INFERENCE_URL ?? "http://127.0.0.1:8100"}/health`,
      reuseExistingServer: false,
      timeout: 300_000,
      stdout: "pipe",
    },
    {
      command: "npx tsx workers/gpu/src/main.ts",
      // The worker has no port: it is ready when its heartbeat makes health count it.
      wait: { stdout: /ready: queues/ },
      reuseExistingServer: false,
      timeout: 60_000,
      stdout: "pipe",
    },
  ],
});
