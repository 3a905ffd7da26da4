// The setup command: `npm run create-admin` makes an account that can sign in, refuses a
// duplicate and a weak password, and never takes the password from a flag.
import { execFileSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { getDb } from "@loraboard/db/server";
import { signInCookie } from "../../../../../tests/helpers/accounts";

const ROOT = path.resolve(import.meta.dirname, "../../../../..");

function createAdmin(args: string[], password: string): { status: number; output: string } {
  try {
    const output = execFileSync("npx", ["tsx", "scripts/create-admin.ts", ...args], {
      cwd: ROOT,
      env: { ...process.env, ADMIN_PASSWORD: password },
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
    });
    return { status: 0, output };
  } catch (error) {
    const failure = error as { status: number; stdout: string; stderr: string };
    return { status: failure.status, output: failure.stdout + failure.stderr };
  }
}

describe("npm run create-admin", () => {
  it("creates an admin who can sign in, and refuses a duplicate or a weak password", async () => {
    const created = createAdmin(["--email", "Ops@Example.com", "--name", "Ops"], "ops-password-0123");
    expect(created).toMatchObject({ status: 0, output: expect.stringContaining("created admin ops@example.com") });
    expect(created.output).not.toContain("ops-password-0123");
    const user = await getDb().user.findUniqueOrThrow({ where: { email: "ops@example.com" } });
    expect(user.role).toBe("admin");
    expect(await signInCookie("ops@example.com", "ops-password-0123")).toMatch(/session_token=/);

    expect(createAdmin(["--email", "ops@example.com"], "ops-password-0123")).toMatchObject({ status: 1, output: expect.stringContaining("already exists") });
    expect(createAdmin(["--email", "weak@example.com"], "short")).toMatchObject({ status: 1, output: expect.stringContaining("at least 10 characters") });
    expect(await getDb().user.count()).toBe(1);
  });
});
