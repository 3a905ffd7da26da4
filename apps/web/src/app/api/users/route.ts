// Admin: every account, and creating one (people do not sign themselves up).
import { CreateUserBody } from "@loraboard/contracts";
import { apiRoute, readJson } from "@/server/api-route";
import { createUser, listUsers } from "@/features/accounts/server/users";

export const dynamic = "force-dynamic";

export const GET = apiRoute(async () => Response.json({ items: await listUsers(), nextCursor: null }));

export const POST = apiRoute(async (request) =>
  Response.json(await createUser(CreateUserBody.parse(await readJson(request))), { status: 201 }),
);
