// Browser sign-in: POST with email and password sets better-auth's httpOnly session cookie
// (SameSite=Lax, Secure on https); GET says who is calling; DELETE signs out.
import { SignInBody, type SessionInfo } from "@loraboard/contracts";
import { apiRoute, errorResponse, readJson } from "@/server/api-route";
import { ApiError } from "@/server/api-error";
import { checkSameOrigin } from "@/server/auth/csrf";
import { signIn, signOut, TooManyAttempts } from "@/features/accounts/server/sign-in";
import { getUser } from "@/features/accounts/server/users";

export const dynamic = "force-dynamic";

export const POST = apiRoute(async (request) => {
  // Login CSRF: a browser page on another site must not sign this browser into an account.
  // Scripts (no Origin, no Sec-Fetch-Site) may sign in; they get the cookie like a browser.
  if (request.headers.has("origin") || request.headers.has("sec-fetch-site")) {
    const verdict = checkSameOrigin(request);
    if (!verdict.isAllowed) throw new ApiError(403, "cross_site_request", `Refused a cross-site sign-in (${verdict.reason}).`);
  }
  const body = SignInBody.parse(await readJson(request));
  try {
    const { session, setCookies } = await signIn(request, body);
    const response = Response.json(session, { headers: { "cache-control": "no-store" } });
    for (const cookie of setCookies) response.headers.append("set-cookie", cookie);
    return response;
  } catch (error) {
    if (error instanceof TooManyAttempts) {
      return errorResponse(429, { code: error.code, message: error.message }, { "retry-after": String(error.retryAfterSeconds) });
    }
    throw error;
  }
});

export const GET = apiRoute(async (_request, _context, principal) => {
  const session: SessionInfo = {
    kind: principal!.kind,
    role: principal!.role,
    user: principal!.userId ? await getUser(principal!.userId) : null,
  };
  return Response.json(session, { headers: { "cache-control": "no-store" } });
});

export const DELETE = apiRoute(async (request, _context, principal) => {
  // A token caller has no session to end; answering 204 keeps sign-out idempotent.
  const cookies = principal!.kind === "session" ? await signOut(request) : [];
  const response = new Response(null, { status: 204 });
  for (const cookie of cookies) response.headers.append("set-cookie", cookie);
  return response;
});
