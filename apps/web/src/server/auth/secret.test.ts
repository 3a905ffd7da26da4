// With no AUTH_SECRET, the first start generates one into DATA_DIR (0600) and every later start,
// or another process, reads the same one; AUTH_SECRET from the environment wins when set.
import { mkdtempSync, readFileSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";

const BASE_ENV = {
  DATABASE_URL: "postgresql://u:p@127.0.0.1:5433/db",
  REDIS_URL: "redis://127.0.0.1:6380/0",
  INFERENCE_URL: "http://127.0.0.1:8000",
};

async function freshGetAuthSecret(env: Record<string, string | undefined>) {
  vi.resetModules();
  for (const [key, value] of Object.entries({ ...BASE_ENV, AUTH_SECRET: undefined, ...env })) vi.stubEnv(key, value as string);
  return (await import("./secret")).getAuthSecret;
}

afterEach(() => {
  vi.unstubAllEnvs();
  vi.restoreAllMocks();
});

describe("getAuthSecret", () => {
  it("generates a secret once into DATA_DIR, readable only by its owner, and reuses it", async () => {
    vi.spyOn(console, "warn").mockImplementation(() => {});
    const dataDir = mkdtempSync(path.join(os.tmpdir(), "auth-secret-"));
    const first = (await freshGetAuthSecret({ DATA_DIR: dataDir }))();
    expect(first).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const file = path.join(dataDir, "auth-secret");
    expect(readFileSync(file, "utf8")).toBe(first);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect((await freshGetAuthSecret({ DATA_DIR: dataDir }))()).toBe(first);
    // The warning names the file, never the secret.
    expect(JSON.stringify(vi.mocked(console.warn).mock.calls)).not.toContain(first);
  });

  it("prefers AUTH_SECRET from the environment", async () => {
    const dataDir = mkdtempSync(path.join(os.tmpdir(), "auth-secret-"));
    const secret = "an-environment-secret-of-at-least-32-chars";
    expect((await freshGetAuthSecret({ DATA_DIR: dataDir, AUTH_SECRET: secret }))()).toBe(secret);
  });
});
