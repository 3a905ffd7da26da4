// POST /api/session/password: a signed-in person changes their own password. Needs the browser
// session (a token is not a password holder); other sessions end, this one gets a fresh cookie.
import { apiRoute } from "@/server/api-route";
import { ApiError } from "@/server/api-error";
import { changeOwnPassword } from "@/features/accounts/server/sign-in";
import * as contract from "./contract";

export const dynamic = "force-dynamic";

export const POST = apiRoute(contract.POST, async ({ request, body, principal }) => {
  if (principal.kind !== "session") {
    throw new ApiError(409, "not_a_session", "Change a password from the dashboard, signed in as that person.");
  }
  const cookies = await changeOwnPassword(request, body);
  const response = new Response(null, { status: 204 });
  for (const cookie of cookies) response.headers.append("set-cookie", cookie);
  return response;
});
