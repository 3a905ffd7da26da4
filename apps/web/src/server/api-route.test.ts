import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { declareRoute, named } from "@loraboard/contracts";
import { apiRoute, toErrorResponse } from "./api-route";

describe("toErrorResponse", () => {
  it("answers 503 when the database or Redis is unreachable, never a 500", async () => {
    const causes = [
      Object.assign(new Error("Can't reach database server at 127.0.0.1:5433"), { code: "P1001" }),
      new Error("wrapped", { cause: Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5433"), { code: "ECONNREFUSED" }) }),
      new Error("Connection is closed."),
    ];
    for (const cause of causes) {
      const response = toErrorResponse(cause);
      expect(response.status).toBe(503);
      expect((await response.json()).error.code).toBe("dependency_unavailable");
    }
  });

  it("answers 500 without details for a bug", async () => {
    const response = toErrorResponse(new TypeError("x is undefined"));
    expect(response.status).toBe(500);
    expect(JSON.stringify(await response.json())).not.toContain("x is undefined");
  });
});

describe("apiRoute with a route's declaration", () => {
  // The same-origin check reads TRUSTED_ORIGINS from the settings, which need these.
  beforeAll(() => {
    vi.stubEnv("DATABASE_URL", "postgresql://u:p@127.0.0.1:5433/db");
    vi.stubEnv("REDIS_URL", "redis://127.0.0.1:6380/0");
    vi.stubEnv("INFERENCE_URL", "http://127.0.0.1:8000");
    vi.stubEnv("DATA_DIR", "/tmp/loraboard-api-route-test");
    vi.stubEnv("PYTHON_BIN", "/usr/bin/python3");
  });
  afterAll(() => vi.unstubAllEnvs());
  const Body = z.object({ name: z.string().min(1) });
  const declaration = declareRoute("POST /api/things/[id]", "public", {
    tag: "Meta", operationId: "makeThing", summary: "Test route",
    query: z.object({ limit: z.coerce.number().int().min(1).default(5) }),
    body: { contentType: "application/json", schema: named("ThingBody", Body) },
    responses: { 201: { description: "Made." } },
  });
  const seen: unknown[] = [];
  const route = apiRoute(declaration, async ({ params, query, body }) => {
    seen.push({ params, query, body });
    return Response.json({ id: params.id, limit: query.limit, name: body.name }, { status: 201 });
  });
  const call = (url: string, body: string, headers: Record<string, string> = {}) =>
    route(new Request(`http://localhost:3000${url}`, { method: "POST", body, headers: { "content-type": "application/json", ...headers } }), {
      params: Promise.resolve({ id: "t1" }),
    });

  it("hands the handler the params, the parsed query (empty values absent) and the validated body", async () => {
    const response = await call("/api/things/t1?limit=", JSON.stringify({ name: "ada" }));
    expect(response.status).toBe(201);
    expect(await response.json()).toEqual({ id: "t1", limit: 5, name: "ada" });
  });

  it("answers 422 with issues, 400 for malformed JSON, 422 for unstorable text, before the handler runs", async () => {
    seen.length = 0;
    const badQuery = await call("/api/things/t1?limit=0", JSON.stringify({ name: "ada" }));
    expect(badQuery.status).toBe(422);
    const badBody = await call("/api/things/t1", JSON.stringify({ name: "" }));
    expect(badBody.status).toBe(422);
    expect((await badBody.json()).error.issues).toEqual([expect.objectContaining({ field: "name" })]);
    expect((await call("/api/things/t1", "{")).status).toBe(400);
    const unstorable = await call("/api/things/t1", JSON.stringify({ name: "a\u0000b" }));
    expect(unstorable.status).toBe(422);
    expect((await unstorable.json()).error.issues[0].field).toBe("name");
    expect(seen).toEqual([]);
  });

  it("refuses a public change posted from another site (login CSRF), but not a script's", async () => {
    const crossSite = await call("/api/things/t1", JSON.stringify({ name: "ada" }), { origin: "https://evil.example" });
    expect(crossSite.status).toBe(403);
    expect((await crossSite.json()).error.code).toBe("cross_site_request");
    expect((await call("/api/things/t1", JSON.stringify({ name: "ada" }))).status).toBe(201);
  });

  it("carries its declaration, for the route-file tests", () => {
    expect(route.declaration).toMatchObject({ method: "POST", path: "/api/things/[id]", access: "public" });
  });
});
