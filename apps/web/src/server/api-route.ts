// Every /api/* handler is wrapped here: authentication, the error shape of API.md, and no stack
// trace or 500 for bad input.
import { ZodError } from "zod";
import type { ApiErrorBody } from "@loraboard/contracts";
import { ApiError } from "./api-error";
import { isAuthorized } from "./auth";

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
