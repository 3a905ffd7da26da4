import { describe, expect, it } from "vitest";
import { findRoutePolicy } from "./route-policy";

describe("findRoutePolicy", () => {
  it("matches static segments before parameters, and the catch-all last", () => {
    expect(findRoutePolicy("GET", "/api/health")).toEqual({ key: "GET /api/health", access: "public" });
    expect(findRoutePolicy("GET", "/api/jobs/abc/metrics")).toEqual({ key: "GET /api/jobs/[id]/metrics", access: "member" });
    expect(findRoutePolicy("DELETE", "/api/users/u1/tokens/t1")).toEqual({ key: "DELETE /api/users/[id]/tokens/[tokenId]", access: "admin" });
    expect(findRoutePolicy("GET", "/api/nope/deeper")).toEqual({ key: "GET /api/[...path]", access: "member" });
    expect(findRoutePolicy("HEAD", "/api/jobs")).toEqual({ key: "GET /api/jobs", access: "member" });
  });

  it("needs an admin for what the table does not list", () => {
    expect(findRoutePolicy("OPTIONS", "/api/jobs")).toEqual({ key: null, access: "admin" });
    expect(findRoutePolicy("GET", "/not-api")).toEqual({ key: null, access: "admin" });
  });
});
