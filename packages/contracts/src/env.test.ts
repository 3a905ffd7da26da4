import { describe, expect, it } from "vitest";
import { EnvError, WebEnv, WorkerEnv, parseEnv } from "./env";

const valid = {
  DATABASE_URL: "postgresql://u:p@127.0.0.1:5433/db",
  REDIS_URL: "redis://127.0.0.1:6380/0",
  DATA_DIR: "/data",
  INFERENCE_URL: "http://127.0.0.1:8000",
  API_TOKEN: "0123456789abcdef0123456789abcdef",
};

describe("parseEnv", () => {
  it("applies defaults and coerces numbers", () => {
    const env = parseEnv(WebEnv, { ...valid, MAX_UPLOAD_BYTES: "2048" });
    expect(env.MAX_UPLOAD_BYTES).toBe(2048);
    expect(parseEnv(WebEnv, valid).MAX_UPLOAD_BYTES).toBe(100 * 1024 * 1024);
  });

  it("names a missing setting and what it expects, in one line", () => {
    const { DATABASE_URL: _omitted, ...rest } = valid;
    expect(() => parseEnv(WebEnv, rest)).toThrow(new EnvError("Setting DATABASE_URL is missing: expected a postgresql:// URL"));
  });

  it("names a wrong setting", () => {
    expect(() => parseEnv(WebEnv, { ...valid, API_TOKEN: "short" })).toThrow(
      /^Setting API_TOKEN is invalid: expected a secret of at least 32 characters/,
    );
    expect(() => parseEnv(WorkerEnv, { ...valid, PYTHON_BIN: "/x", GPU_IDS: "a,b" })).toThrow(/^Setting GPU_IDS is invalid/);
    expect(() => parseEnv(WorkerEnv, { ...valid, PYTHON_BIN: "/x", TRAINER_RUNTIME: "k8s" })).toThrow(
      "Setting TRAINER_RUNTIME is invalid: expected process or docker",
    );
  });

  it("keeps API_TOKEN and AUTH_SECRET optional, and checks them when set", () => {
    const { API_TOKEN: _token, ...withoutToken } = valid;
    expect(parseEnv(WebEnv, withoutToken).API_TOKEN).toBeUndefined();
    expect(parseEnv(WebEnv, { ...withoutToken, API_TOKEN: "" }).API_TOKEN).toBeUndefined();
    expect(() => parseEnv(WebEnv, { ...valid, AUTH_SECRET: "too-short" })).toThrow(
      "Setting AUTH_SECRET is invalid: expected a secret of at least 32 characters",
    );
  });

  it("refuses an API_TOKEN shorter than 32 characters or one this project has shown as an example", () => {
    // The old .env.example default (25 characters) made anyone who read the repo an admin.
    for (const token of ["local-dev-token-change-me", "0123456789abcdef0123456789abcde", "our-team-token-change-me-0123456789abcdef", "CHANGEME-0123456789abcdef0123456789"]) {
      expect(() => parseEnv(WebEnv, { ...valid, API_TOKEN: token }), token).toThrow(/^Setting API_TOKEN is invalid/);
    }
    expect(parseEnv(WebEnv, { ...valid, API_TOKEN: "9f2c".repeat(8) }).API_TOKEN).toBe("9f2c".repeat(8));
  });

  it("reads TRUSTED_PROXIES as addresses and CIDR ranges, and refuses anything else", () => {
    expect(parseEnv(WebEnv, valid).TRUSTED_PROXIES).toEqual([]);
    expect(parseEnv(WebEnv, { ...valid, TRUSTED_PROXIES: "10.0.0.2, 192.168.0.0/16,::1,fd00::/8" }).TRUSTED_PROXIES).toEqual([
      "10.0.0.2",
      "192.168.0.0/16",
      "::1",
      "fd00::/8",
    ]);
    for (const value of ["nginx", "10.0.0.0/33", "10.0.0.1;10.0.0.2"]) {
      expect(() => parseEnv(WebEnv, { ...valid, TRUSTED_PROXIES: value }), value).toThrow(/^Setting TRUSTED_PROXIES is invalid: expected comma-separated IP addresses/);
    }
  });

  it("treats empty values as unset so defaults apply", () => {
    expect(parseEnv(WorkerEnv, { ...valid, PYTHON_BIN: "/x", GPU_IDS: "" }).GPU_IDS).toBe("");
  });
});
