// The one-time setup: creates the first account, an admin, and signs it in. Public only while
// no account exists (route-policy.ts); afterwards it answers 409. From anywhere but localhost it
// needs the setup code printed in the server's console (features/accounts/server/setup-code.ts).
import { SetupBody } from "@loraboard/contracts";
import { apiRoute, readJson } from "@/server/api-route";
import { ApiError } from "@/server/api-error";
import { isLocalClient } from "@/server/auth/client-address";
import { checkSameOrigin } from "@/server/auth/csrf";
import { signIn } from "@/features/accounts/server/sign-in";
import { createFirstAdmin } from "@/features/accounts/server/users";

export const dynamic = "force-dynamic";

export const POST = apiRoute(async (request) => {
  if (request.headers.has("origin") || request.headers.has("sec-fetch-site")) {
    const verdict = checkSameOrigin(request);
    if (!verdict.isAllowed) throw new ApiError(403, "cross_site_request", `Refused a cross-site setup (${verdict.reason}).`);
  }
  const body = SetupBody.parse(await readJson(request));
  await createFirstAdmin(body, isLocalClient(request.headers));
  const { session, setCookies } = await signIn(request, { email: body.email, password: body.password });
  const response = Response.json(session, { status: 201, headers: { "cache-control": "no-store" } });
  for (const cookie of setCookies) response.headers.append("set-cookie", cookie);
  return response;
});
