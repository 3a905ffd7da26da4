// A clone of the repository alone must be complete: the design notes the code cites live in docs/,
// and no source, script or doc points at the design folder outside the repository.
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "..");
const THIS_FILE = path.relative(root, import.meta.filename);
const files = execFileSync("git", ["ls-files", "-z"], { cwd: root, encoding: "utf8" })
  .split("\0")
  .filter((file) => file && file !== THIS_FILE && /\.(ts|tsx|js|mjs|py|sh|md|json|prisma|ya?ml)$/.test(file) && existsSync(path.join(root, file)));

describe("design notes", () => {
  it("are cited from docs/, never from a folder outside the repository", () => {
    const outside = files.filter((file) => readFileSync(path.join(root, file), "utf8").includes("shared/design/"));
    expect(outside).toEqual([]);
  });

  it("every docs/*.md a file cites exists", () => {
    const missing: string[] = [];
    for (const file of files) {
      for (const [cited] of readFileSync(path.join(root, file), "utf8").matchAll(/\bdocs\/[\w.-]+\.md\b/g)) {
        if (!existsSync(path.join(root, cited))) missing.push(`${file}: ${cited}`);
      }
    }
    expect(missing).toEqual([]);
  });
});
