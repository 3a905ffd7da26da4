// Every /api/* handler is wrapped here, with the route's declaration (its contract.ts): who may
// call it, the CSRF check for cookie-authenticated mutations, the body size limit, the query and
// JSON body validated against the declared schemas, text that cannot be stored refused, the error
// shape of API.md, and no stack trace or 500 for bad input. The handler gets typed values.
import type { z } from "zod";
import type { RouteAccess, RouteDeclaration } from "@loraboard/contracts";
import { ApiError } from "./api-error";
import { isAdminTokenChange, recordAdminTokenUse } from "./audit/admin-token-use";
import { authenticate, type Principal } from "./auth/authenticate";
import { checkSameOrigin, isSafeMethod } from "./auth/csrf";
import { getWebEnv } from "./env";
import { parseQuery, readJson, rejectOversizedBody } from "./request-input";
import { rejectUnstorableRequestParts, rejectUnstorableText } from "./storable-text";
import { toErrorResponse } from "./error-response";

export { errorResponse, toErrorResponse } from "./error-response";
export { MAX_JSON_BODY_BYTES } from "./request-input";

/** The path's [segments] as Next.js passes them: /api/users/[id] → { id: string }. */
export type ParamsOf<Path extends string> = Path extends `${string}[...${infer Name}]${infer Rest}`
  ? { [K in Name]: string[] } & ParamsOf<Rest>
  : Path extends `${string}[${infer Name}]${infer Rest}`
    ? { [K in Name]: string } & ParamsOf<Rest>
    : object;

/** What a handler gets: everything its declaration promises, already checked. */
export interface RouteInput<D extends RouteDeclaration> {
  request: Request;
  params: ParamsOf<D["path"]>;
  query: D extends { query: infer Q extends z.ZodType } ? z.output<Q> : undefined;
  /** The validated JSON body; a multipart body is left in `request` for the handler to stream. */
  body: D extends { body: { contentType: "application/json"; schema: { schema: infer S extends z.ZodType } } } ? z.output<S> : undefined;
  /** Who called: null only on public routes. */
  principal: D extends { access: "public" } ? Principal | null : Principal;
}

type NextContext<D extends RouteDeclaration> = { params: Promise<ParamsOf<D["path"]>> };

/** The exported GET/POST/…: Next.js's handler, carrying its declaration for the route tests. */
export type ApiRouteHandler<D extends RouteDeclaration> = ((request: Request, context?: NextContext<D>) => Promise<Response>) & {
  declaration: D;
};

export function apiRoute<D extends RouteDeclaration>(declaration: D, handler: (input: RouteInput<D>) => Promise<Response>): ApiRouteHandler<D> {
  const route = async (request: Request, context?: NextContext<D>) => {
    let principal: Principal | null = null;
    try {
      principal = await authorize(declaration.access, request);
      rejectOversizedBody(request);
      await rejectUnstorableRequestParts(request, context);
      const query = declaration.query ? parseQuery(request, declaration.query) : undefined;
      const body =
        declaration.body?.contentType === "application/json" ? await readBody(request, declaration.body.schema.schema, declaration.body.isOptional) : undefined;
      const params = ((await context?.params) ?? {}) as ParamsOf<D["path"]>;
      const response = await handler({ request, params, query, body, principal } as RouteInput<D>);
      if (isAdminTokenChange(principal, request.method)) await recordAdminTokenUse(request, principal, response.status);
      return principal?.kind === "session" && principal.setCookies.length > 0 ? withCookies(response, principal.setCookies) : response;
    } catch (error) {
      const response = toErrorResponse(error);
      // A refused change made with an admin's token is logged too: someone tried.
      if (isAdminTokenChange(principal, request.method)) await recordAdminTokenUse(request, principal, response.status);
      return response;
    }
  };
  return Object.assign(route, { declaration });
}

/** The caller, if the route's access lets them in; otherwise throws the 401 or 403. */
async function authorize(access: RouteAccess, request: Request): Promise<Principal | null> {
  if (access === "public") {
    // Login CSRF: a page on another site must not sign this browser in (or set the server up).
    // Scripts (no Origin, no Sec-Fetch-Site) may; they get the cookie like a browser.
    const fromBrowser = request.headers.has("origin") || request.headers.has("sec-fetch-site");
    if (!isSafeMethod(request.method) && fromBrowser) rejectCrossSite(request, "Refused a cross-site request to a public route");
    return null;
  }
  const principal = await authenticate(request);
  if (!principal) {
    throw new ApiError(401, "unauthorized", "Sign in to the dashboard, or send `Authorization: Bearer <token>` with an API token.");
  }
  if (access === "admin" && principal.role !== "admin") throw new ApiError(403, "forbidden", "Only an admin may do this.");
  if (access === "session" && principal.kind === "token") {
    throw new ApiError(403, "session_required", "An API token cannot do this: sign in to the dashboard and do it there.");
  }
  if (principal.kind === "session" && !isSafeMethod(request.method)) {
    rejectCrossSite(request, "Refused a cross-site request made with the session cookie");
  }
  return principal;
}

function rejectCrossSite(request: Request, message: string): void {
  const verdict = checkSameOrigin(request, trustedOrigins());
  if (!verdict.isAllowed) throw new ApiError(403, "cross_site_request", `${message} (${verdict.reason}).`);
}

function trustedOrigins(): string[] {
  return (getWebEnv().TRUSTED_ORIGINS ?? "")
    .split(",")
    .map((origin) => origin.trim().toLowerCase().replace(/\/+$/, ""))
    .filter(Boolean);
}

/** The JSON body through its declared schema; text Postgres cannot store is a 422 too. */
async function readBody(request: Request, schema: z.ZodType, isOptional = false): Promise<unknown> {
  const body = schema.parse(await readJson(request, undefined, isOptional));
  rejectUnstorableText(body);
  return body;
}

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
