// What a fresh install runs with: .env.example turns no admin credential on and keeps the
// dashboard on this machine, and the scripts never take a secret from that public template.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { parseEnv, WebEnv } from "@loraboard/contracts";

const root = path.resolve(import.meta.dirname, "..");

function settingsOf(file: string): Record<string, string> {
  return Object.fromEntries(
    readFileSync(file, "utf8")
      .split("\n")
      .filter((line) => line && !line.startsWith("#"))
      .map((line) => [line.slice(0, line.indexOf("=")), line.slice(line.indexOf("=") + 1)]),
  );
}

/** The settings the scripts (up.sh, services.sh, ...) load, from a checkout with these files. */
function loadedSettings(files: { ".env"?: string; ".env.example": string }, names: string[]): Record<string, string> {
  const dir = mkdtempSync(path.join(tmpdir(), "loraboard-settings-"));
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);
  const script = `source scripts/lib.sh; ROOT=${JSON.stringify(dir)}; load_settings; ${names.map((name) => `echo "${name}=\${${name}-<unset>}"`).join("; ")}`;
  const env = { ...process.env };
  for (const name of names) delete env[name];
  return Object.fromEntries(
    execFileSync("bash", ["-c", script], { cwd: root, env, encoding: "utf8" })
      .trim()
      .split("\n")
      .map((line) => [line.slice(0, line.indexOf("=")), line.slice(line.indexOf("=") + 1)]),
  );
}

describe(".env.example", () => {
  const example = settingsOf(path.join(root, ".env.example"));

  it("turns no bootstrap API_TOKEN on, and serves the dashboard to this machine only", () => {
    expect(example.API_TOKEN).toBe("");
    expect(example.HOST).toBe("127.0.0.1");
  });

  it("is a complete, valid set of settings for the dashboard", () => {
    const env = parseEnv(WebEnv, { ...example, DATA_DIR: path.join(root, example.DATA_DIR!) });
    expect(env.API_TOKEN).toBeUndefined();
    expect(env.TRUSTED_PROXIES).toEqual([]);
  });
});

describe("the scripts' settings", () => {
  it("never take a secret from .env.example: one commented out of .env is unset", () => {
    const loaded = loadedSettings(
      {
        ".env": "# API_TOKEN=0123456789abcdef0123456789abcdef-mine\nPORT=3001\n",
        ".env.example": "API_TOKEN=0123456789abcdef0123456789abcdef-template\nAUTH_SECRET=template-secret-0123456789abcdef-0123\nPORT=3000\nHOST=127.0.0.1\n",
      },
      ["API_TOKEN", "AUTH_SECRET", "PORT", "HOST"],
    );
    expect(loaded).toEqual({ API_TOKEN: "<unset>", AUTH_SECRET: "<unset>", PORT: "3001", HOST: "127.0.0.1" });
  });

  it("take the operator's secret from .env", () => {
    const loaded = loadedSettings(
      { ".env": "API_TOKEN=0123456789abcdef0123456789abcdef-mine\n", ".env.example": "API_TOKEN=\n" },
      ["API_TOKEN"],
    );
    expect(loaded).toEqual({ API_TOKEN: "0123456789abcdef0123456789abcdef-mine" });
  });
});
