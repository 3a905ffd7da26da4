// Admin: another person's API tokens (to see what scripts act as them, and cut one off).
import { apiRoute } from "@/server/api-route";
import { listApiTokens } from "@/features/accounts/server/api-tokens";
import { getUser } from "@/features/accounts/server/users";

export const dynamic = "force-dynamic";

type Context = { params: Promise<{ id: string }> };

export const GET = apiRoute<Context>(async (_request, { params }) => {
  const user = await getUser((await params).id);
  return Response.json({ items: await listApiTokens(user.id), nextCursor: null });
});
