// The one-time setup: creates the first account, an admin, and signs it in. Public only while
// no account exists (contract.ts; apiRoute refuses a setup posted from another site);
// afterwards it answers 409. From anywhere but localhost it needs the setup code printed in the
// server's console (features/accounts/server/setup-code.ts).
import { apiRoute } from "@/server/api-route";
import { isLocalClient } from "@/server/auth/client-address";
import { signIn } from "@/features/accounts/server/sign-in";
import { createFirstAdmin } from "@/features/accounts/server/users";
import * as contract from "./contract";

export const dynamic = "force-dynamic";

export const POST = apiRoute(contract.POST, async ({ request, body }) => {
  await createFirstAdmin(body, isLocalClient(request.headers));
  const { session, setCookies } = await signIn(request, { email: body.email, password: body.password });
  const response = Response.json(session, { status: 201, headers: { "cache-control": "no-store" } });
  for (const cookie of setCookies) response.headers.append("set-cookie", cookie);
  return response;
});
