// Before the browser tests: the built-in base models registered with this run's servers (the test
// INFERENCE_URL and SMOLLM2_INFERENCE_URL), as `npm run up` does, whatever earlier suites left in
// the test database. Through tsx, like the e2e seeds: the packages are TypeScript sources.
import { execFileSync } from "node:child_process";
import path from "node:path";

export default function globalSetup() {
  execFileSync("npx", ["tsx", "scripts/seed.ts"], { cwd: path.resolve(import.meta.dirname, ".."), stdio: "pipe", env: process.env });
}
