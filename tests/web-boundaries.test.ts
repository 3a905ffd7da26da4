// The web app's layering (issue 19): a feature imports no other feature's UI (components, hooks,
// lib): what two features share lives in src/components, src/hooks or src/lib; and that
// infrastructure (src/components, src/hooks, src/lib, src/server) imports no feature.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";

const src = path.resolve(import.meta.dirname, "../apps/web/src");
const files = (readdirSync(src, { recursive: true }) as string[]).filter((file) => /\.tsx?$/.test(file) && !/\.test\.tsx?$/.test(file));

function featureImports(file: string): string[] {
  const text = readFileSync(path.join(src, file), "utf8");
  return [...text.matchAll(/from\s+["']@\/features\/([^"']+)["']/g)].map(([, target]) => target!);
}

describe("apps/web/src layering", () => {
  it("no feature imports another feature's components, hooks or lib", () => {
    const crossings = files
      .filter((file) => file.startsWith("features/"))
      .flatMap((file) => {
        const own = file.split("/")[1];
        return featureImports(file)
          .filter((target) => target.split("/")[0] !== own && !target.split("/").includes("server"))
          .map((target) => `${file} → ${target}`);
      });
    expect(crossings).toEqual([]);
  });

  it("infrastructure imports no feature", () => {
    const infra = files.filter((file) => /^(components|hooks|lib|server)\//.test(file));
    const crossings = infra.flatMap((file) => featureImports(file).map((target) => `${file} → ${target}`));
    expect(crossings).toEqual([]);
  });
});
