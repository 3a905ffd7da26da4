// The API's error shape (API.md): what apiRoute answers when a handler or a check throws.
import { ZodError } from "zod";
import type { ApiErrorBody } from "@loraboard/contracts";
import { ApiError } from "./api-error";

export function errorResponse(status: number, body: ApiErrorBody["error"], headers?: HeadersInit): Response {
  return Response.json({ error: body } satisfies ApiErrorBody, { status, headers });
}

export function toErrorResponse(error: unknown): Response {
  if (error instanceof ApiError) {
    return errorResponse(error.status, { code: error.code, message: error.message, issues: error.issues });
  }
  if (error instanceof ZodError) {
    return errorResponse(422, {
      code: "invalid_request",
      message: "The request breaks the API's rules: see issues.",
      issues: error.issues.map((issue) => ({
        field: issue.path.join(".") || undefined,
        message: issue.message,
      })),
    });
  }
  if (isDependencyDown(error)) {
    return errorResponse(503, {
      code: "dependency_unavailable",
      message: "The database or the queue is not reachable right now; nothing was changed. Try again shortly.",
    });
  }
  console.error("[api] unexpected error", error);
  return errorResponse(500, { code: "internal_error", message: "Something went wrong on the server; it was logged." });
}

// Prisma's connection failures (P1001 can't reach, P1002 timed out, P1017 closed, P2024 pool
// timeout), node-postgres/ioredis socket errors: a dependency is down, not a bug in the request.
const DEPENDENCY_DOWN_CODES = new Set(["P1001", "P1002", "P1017", "P2024", "ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EPIPE"]);

function isDependencyDown(error: unknown): boolean {
  for (let current = error as { code?: unknown; cause?: unknown } | undefined, depth = 0; current && depth < 5; depth++) {
    if (typeof current.code === "string" && DEPENDENCY_DOWN_CODES.has(current.code)) return true;
    if (current instanceof Error && /Connection is closed|connect ECONNREFUSED|Can't reach database server/.test(current.message)) return true;
    current = current.cause as typeof current;
  }
  return false;
}
