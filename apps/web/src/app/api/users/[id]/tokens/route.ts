// Admin: another person's API tokens (to see what scripts act as them, and cut one off).
import { apiRoute } from "@/server/api-route";
import { listApiTokens } from "@/features/accounts/server/api-tokens";
import { getUser } from "@/features/accounts/server/users";
import * as contract from "./contract";

export const dynamic = "force-dynamic";

export const GET = apiRoute(contract.GET, async ({ params }) => {
  const user = await getUser(params.id);
  return Response.json({ items: await listApiTokens(user.id), nextCursor: null });
});
