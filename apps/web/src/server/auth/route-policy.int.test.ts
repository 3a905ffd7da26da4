// Generated from the route files: every exported method of every apps/web/src/app/api/**/route.ts
// answers 401 without credentials (or with wrong ones) unless it is one of the three public
// routes, and 403 to a member when its declaration says admin. A new route.ts is picked up by the
// glob, so it cannot be forgotten: it fails here until it is wrapped with its own declaration
// (contract.ts) and the registry lists that (scripts/generate-route-registry.ts).
import { readdirSync } from "node:fs";
import path from "node:path";
import { beforeEach, describe, expect, it } from "vitest";
import { routeKey, type RouteDeclaration } from "@loraboard/contracts";
import { ROUTE_POLICY, type Access } from "./route-policy";
import { apiRequest, routeParams } from "../../../../../tests/helpers/api";
import { browserRequest, createTestAccount, type TestAccount } from "../../../../../tests/helpers/accounts";

const API_DIR = path.resolve(import.meta.dirname, "../../app/api");
const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
/** The only routes anyone may call without credentials, and why. */
const PUBLIC_ROUTES = new Set([
  "GET /api/health", // probes and load balancers
  "POST /api/session", // signing in (rate-limited)
  "POST /api/setup", // the first admin; 409 once any account exists
]);
/** The routes that refuse personal API tokens (403) whatever their role: they make credentials. */
const SESSION_ROUTES = new Set(["POST /api/tokens"]);

type RouteHandler = ((request: Request, context: unknown) => Promise<Response>) & { declaration?: RouteDeclaration };
interface DiscoveredRoute {
  key: string;
  method: (typeof METHODS)[number];
  /** A concrete URL for the pattern: [id] → an id that does not exist, [...path] → two segments. */
  url: string;
  params: Record<string, string | string[]>;
  handler: RouteHandler;
}

async function discoverRoutes(): Promise<DiscoveredRoute[]> {
  const files = (readdirSync(API_DIR, { recursive: true }) as string[]).filter((file) => path.basename(file) === "route.ts").sort();
  const routes: DiscoveredRoute[] = [];
  for (const file of files) {
    const segments = path.dirname(file).split(path.sep).filter((segment) => segment !== ".");
    const pattern = ["/api", ...segments].join("/");
    const params: Record<string, string | string[]> = {};
    const url = [
      "/api",
      ...segments.map((segment) => {
        const catchAll = /^\[\.\.\.(\w+)\]$/.exec(segment);
        if (catchAll) return (params[catchAll[1]!] = ["no-such", "route"]).join("/");
        const param = /^\[(\w+)\]$/.exec(segment);
        if (param) return (params[param[1]!] = `missing-${param[1]}`);
        return segment;
      }),
    ].join("/");
    const module = (await import(/* @vite-ignore */ path.join(API_DIR, file))) as Record<string, unknown>;
    for (const method of METHODS) {
      if (typeof module[method] === "function") routes.push({ key: `${method} ${pattern}`, method, url, params, handler: module[method] as RouteHandler });
    }
  }
  return routes;
}

const routes = await discoverRoutes();
const policyOf = (route: DiscoveredRoute): Access => ROUTE_POLICY[route.key]!;

async function call(route: DiscoveredRoute, request: Request): Promise<Response> {
  const response = await route.handler(request, routeParams(route.params));
  await response.body?.cancel();
  return response;
}

function requestFor(route: DiscoveredRoute, init: Parameters<typeof apiRequest>[1] = {}) {
  const hasBody = route.method !== "GET" && route.method !== "DELETE";
  return apiRequest(route.url, {
    method: route.method,
    ...(hasBody ? { body: "{}", headers: { "content-type": "application/json", ...init.headers } } : {}),
    ...init,
  });
}

describe("the route policy table", () => {
  it("finds the route files", () => {
    expect(routes.length).toBeGreaterThanOrEqual(40);
  });

  it("lists every exported method of every route file, and nothing that is not one", () => {
    expect(routes.map((route) => route.key).sort()).toEqual(Object.keys(ROUTE_POLICY).sort());
  });

  it("wraps each route file's handler in that file's own declaration", () => {
    for (const route of routes) expect(route.handler.declaration && routeKey(route.handler.declaration), route.key).toBe(route.key);
  });

  it("makes public only health, sign-in and the one-time setup", () => {
    const publicRoutes = routes.filter((route) => policyOf(route) === "public").map((route) => route.key);
    expect(new Set(publicRoutes)).toEqual(PUBLIC_ROUTES);
  });

  it("keeps credential-making routes from personal tokens", () => {
    const sessionRoutes = routes.filter((route) => policyOf(route) === "session").map((route) => route.key);
    expect(new Set(sessionRoutes)).toEqual(SESSION_ROUTES);
  });

  it("puts people, everyone's tokens and base-model registration behind admin", () => {
    for (const route of routes.filter((r) => r.key.includes("/api/users"))) expect(policyOf(route), route.key).toBe("admin");
    expect(ROUTE_POLICY["POST /api/base-models"]).toBe("admin");
    expect(ROUTE_POLICY["DELETE /api/base-models/[id]"]).toBe("admin");
  });
});

describe("every route, generated from the route files", () => {
  let member: TestAccount;
  let admin: TestAccount;
  // Every table is emptied before each test (tests/integration/setup-file.ts): fresh accounts each time.
  beforeEach(async () => {
    member = await createTestAccount("member");
    admin = await createTestAccount("admin");
  });

  for (const route of routes) {
    it(`${route.key}: credentials and roles`, async () => {
      const access = policyOf(route);
      if (access === "public") {
        expect(PUBLIC_ROUTES.has(route.key)).toBe(true);
        return;
      }
      for (const token of [null, "not-a-token", "lbt_not-a-real-token", `${process.env.API_TOKEN}x`]) {
        const response = await call(route, requestFor(route, { token }));
        expect(response.status, `${route.key} with ${token ?? "no credentials"}`).toBe(401);
        expect(response.headers.get("content-type")).toMatch(/application\/json/);
      }
      const memberByToken = await call(route, requestFor(route, { token: member.token }));
      const memberBySession = await call(route, browserRequest(route.url, member.cookie, { method: route.method }));
      const adminByToken = await call(route, requestFor(route, { token: admin.token }));
      const bootstrap = await call(route, requestFor(route));
      if (access === "session") {
        // Credentials are made from a signed-in session, never with a token (docs/security.md).
        expect(memberByToken.status, `${route.key}: a member's token`).toBe(403);
        expect(adminByToken.status, `${route.key}: an admin's token`).toBe(403);
        expect([401, 403], `${route.key}: a member's session`).not.toContain(memberBySession.status);
        expect([401, 403], `${route.key}: API_TOKEN`).not.toContain(bootstrap.status);
        return;
      }
      if (access === "admin") {
        expect(memberByToken.status, `${route.key}: a member's token`).toBe(403);
        expect(memberBySession.status, `${route.key}: a member's session`).toBe(403);
      } else {
        expect([401, 403], `${route.key}: a member's token`).not.toContain(memberByToken.status);
        expect([401, 403], `${route.key}: a member's session`).not.toContain(memberBySession.status);
      }
      expect([401, 403], `${route.key}: an admin's token`).not.toContain(adminByToken.status);
      expect([401, 403], `${route.key}: API_TOKEN`).not.toContain(bootstrap.status);
    });
  }
});
