// Every /api/* handler is wrapped here: who may call it (auth/route-policy.ts), the CSRF check
// for cookie-authenticated mutations, the body size limit, the error shape of API.md, and no
// stack trace or 500 for bad input.
import { ZodError } from "zod";
import type { ApiErrorBody } from "@loraboard/contracts";
import { ApiError } from "./api-error";
import { isAdminTokenChange, recordAdminTokenUse } from "./audit/admin-token-use";
import { authenticate, type Principal } from "./auth/authenticate";
import { checkSameOrigin, isSafeMethod } from "./auth/csrf";
import { findRoutePolicy } from "./auth/route-policy";
import { getWebEnv } from "./env";
import { rejectUnstorableRequestParts } from "./storable-text";

/** The third argument: who called (null only on public routes). */
type Handler<Ctx> = (request: Request, context: Ctx, principal: Principal | null) => Promise<Response>;
type NextHandler<Ctx> = (request: Request, context: Ctx) => Promise<Response>;

/** JSON bodies are small (a job's settings, a prompt); uploads have MAX_UPLOAD_BYTES. */
export const MAX_JSON_BODY_BYTES = 1024 * 1024;
// The multipart envelope around the file(s) and the form's text fields.
const MULTIPART_OVERHEAD_BYTES = 1024 * 1024;

export function errorResponse(status: number, body: ApiErrorBody["error"], headers?: HeadersInit): Response {
  return Response.json({ error: body } satisfies ApiErrorBody, { status, headers });
}

export function apiRoute<Ctx = unknown>(handler: Handler<Ctx>): NextHandler<Ctx> {
  return async (request, context) => {
    try {
      const { access } = findRoutePolicy(request.method, new URL(request.url).pathname);
      let principal: Principal | null = null;
      if (access !== "public") {
        principal = await authenticate(request);
        if (!principal) {
          return errorResponse(401, {
            code: "unauthorized",
            message: "Sign in to the dashboard, or send `Authorization: Bearer <token>` with an API token.",
          });
        }
        if (access === "admin" && principal.role !== "admin") {
          return errorResponse(403, { code: "forbidden", message: "Only an admin may do this." });
        }
        if (principal.kind === "session" && !isSafeMethod(request.method)) {
          const verdict = checkSameOrigin(request, trustedOrigins());
          if (!verdict.isAllowed) {
            return errorResponse(403, {
              code: "cross_site_request",
              message: `Refused a cross-site request made with the session cookie (${verdict.reason}).`,
            });
          }
        }
      }
      rejectOversizedBody(request);
      await rejectUnstorableRequestParts(request, context);
      const response = await handler(request, context, principal).catch((error: unknown) => toErrorResponse(error));
      if (isAdminTokenChange(principal, request.method)) await recordAdminTokenUse(request, principal, response.status);
      return principal?.kind === "session" && principal.setCookies.length > 0 ? withCookies(response, principal.setCookies) : response;
    } catch (error) {
      return toErrorResponse(error);
    }
  };
}

function trustedOrigins(): string[] {
  return (getWebEnv().TRUSTED_ORIGINS ?? "")
    .split(",")
    .map((origin) => origin.trim().toLowerCase().replace(/\/+$/, ""))
    .filter(Boolean);
}

/** A declared length over the limit is refused before any byte is read. */
function rejectOversizedBody(request: Request): void {
  const declared = Number(request.headers.get("content-length") ?? 0);
  if (!Number.isFinite(declared) || declared === 0) return;
  const isMultipart = (request.headers.get("content-type") ?? "").toLowerCase().startsWith("multipart/form-data");
  const limit = isMultipart ? getWebEnv().MAX_UPLOAD_BYTES + MULTIPART_OVERHEAD_BYTES : MAX_JSON_BODY_BYTES;
  if (declared > limit) throw bodyTooLarge(limit);
}

const bodyTooLarge = (limit: number) =>
  new ApiError(413, "payload_too_large", `The request body is larger than the limit of ${limit} bytes.`);

/** Adds a refreshed session cookie, unless the handler set that cookie itself (sign-out, a new password). */
function withCookies(response: Response, cookies: string[]): Response {
  const cookieName = (cookie: string) => cookie.slice(0, cookie.indexOf("="));
  const alreadySet = new Set(response.headers.getSetCookie().map(cookieName));
  const missing = cookies.filter((cookie) => !alreadySet.has(cookieName(cookie)));
  if (missing.length === 0) return response;
  try {
    for (const cookie of missing) response.headers.append("set-cookie", cookie);
    return response;
  } catch {
    // Some responses (redirects, fetched ones) have immutable headers: copy them.
    const copy = new Response(response.body, response);
    for (const cookie of missing) copy.headers.append("set-cookie", cookie);
    return copy;
  }
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

/** Parses a JSON body of at most MAX_JSON_BODY_BYTES (counted as it streams in, whatever
 * Content-Length said); malformed JSON is a 400, too large a 413, never a crash. */
export async function readJson(request: Request, maxBytes = MAX_JSON_BODY_BYTES): Promise<unknown> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  if (request.body) {
    const reader = request.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > maxBytes) {
        await reader.cancel();
        throw bodyTooLarge(maxBytes);
      }
      chunks.push(value);
    }
  }
  try {
    return JSON.parse(Buffer.concat(chunks).toString("utf8"));
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
