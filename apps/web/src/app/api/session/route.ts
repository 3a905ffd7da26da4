// Browser sign-in: POST with email and password sets better-auth's httpOnly session cookie
// (SameSite=Lax, Secure on https; apiRoute refuses a sign-in posted from another site);
// GET says who is calling; DELETE signs out.
import type { SessionInfo } from "@loraboard/contracts";
import { apiRoute, errorResponse } from "@/server/api-route";
import { signIn, signOut, TooManyAttempts } from "@/features/accounts/server/sign-in";
import { getUser } from "@/features/accounts/server/users";
import * as contract from "./contract";

export const dynamic = "force-dynamic";

export const POST = apiRoute(contract.POST, async ({ request, body }) => {
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

export const GET = apiRoute(contract.GET, async ({ principal }) => {
  const session: SessionInfo = {
    kind: principal.kind,
    role: principal.role,
    user: principal.userId ? await getUser(principal.userId) : null,
  };
  return Response.json(session, { headers: { "cache-control": "no-store" } });
});

export const DELETE = apiRoute(contract.DELETE, async ({ request, principal }) => {
  // A token caller has no session to end; answering 204 keeps sign-out idempotent.
  const cookies = principal.kind === "session" ? await signOut(request) : [];
  const response = new Response(null, { status: 204 });
  for (const cookie of cookies) response.headers.append("set-cookie", cookie);
  return response;
});
