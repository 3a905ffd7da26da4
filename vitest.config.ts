// Two kinds of TypeScript test, told apart by file name (see docs/architecture.md, "Conventions"):
// `*.test.ts` are unit tests; `*.int.test.ts` run against the real Postgres and Redis, in a
// database and Redis index of their own (scripts/test-env.sh), one file at a time.
import path from "node:path";
import { defineConfig } from "vitest/config";

const alias = { "@": path.resolve(import.meta.dirname, "apps/web/src") };
const exclude = ["**/node_modules/**", "**/.next/**", "e2e/**", "workers/trainer/**"];

export default defineConfig({
  test: {
    projects: [
      {
        resolve: { alias },
        test: {
          name: "unit",
          include: ["**/*.test.ts"],
          exclude: [...exclude, "**/*.int.test.ts"],
          environment: "node",
        },
      },
      {
        resolve: { alias },
        test: {
          name: "integration",
          include: ["**/*.int.test.ts"],
          exclude,
          environment: "node",
          globalSetup: ["tests/integration/global-setup.ts"],
          setupFiles: ["tests/integration/setup-file.ts"],
          fileParallelism: false,
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
