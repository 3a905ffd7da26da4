import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { REGISTRY_FILE, renderRouteRegistry } from "../../../../../scripts/generate-route-registry";
import { ROUTES } from ".";

describe("the route registry", () => {
  it("is current: it imports every contract.ts under app/api (else run npx tsx scripts/generate-route-registry.ts)", () => {
    expect(readFileSync(REGISTRY_FILE, "utf8")).toBe(renderRouteRegistry());
  });

  it("declares each method and path once", () => {
    const keys = ROUTES.map((route) => `${route.method} ${route.path}`);
    expect(keys.length).toBeGreaterThanOrEqual(40);
    expect(new Set(keys).size).toBe(keys.length);
  });
});
