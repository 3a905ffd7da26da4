import { describe, expect, it } from "vitest";
import { toErrorResponse } from "./api-route";

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
