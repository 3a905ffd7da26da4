// Every /api/* handler is wrapped here: authentication, the error shape of API.md, and no stack
// trace or 500 for bad input.
import { ZodError } from "zod";
import type { ApiErrorBody } from "@loraboard/contracts";
import { ApiError } from "./api-error";
import { isAuthorized } from "./auth";
import { rejectUnstorableRequestParts } from "./storable-text";

type Handler<Ctx> = (request: Request, context: Ctx) => Promise<Response>;

export interface RouteOptions {
  /** Only GET /api/health and signing in are public. */
  isPublic?: boolean;
}

export function errorResponse(status: number, body: ApiErrorBody["error"]): Response {
  return Response.json({ error: body } satisfies ApiErrorBody, { status });
}

export function apiRoute<Ctx = unknown>(handler: Handler<Ctx>, options: RouteOptions = {}): Handler<Ctx> {
  return async (request, context) => {
    if (!options.isPublic && !isAuthorized(request)) {
      return errorResponse(401, {
        code: "unauthorized",
        message: "Send `Authorization: Bearer <API_TOKEN>` or sign in to the dashboard.",
      });
    }
    try {
      await rejectUnstorableRequestParts(request, context);
      return await handler(request, context);
    } catch (error) {
      return toErrorResponse(error);
    }
  };
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

/** Parses a JSON body; malformed JSON is a 400, not a crash. */
export async function readJson(request: Request): Promise<unknown> {
  try {
    return await request.json();
  } catch {
    throw new ApiError(400, "malformed_json", "The request body is not valid JSON.");
  }
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
