// Admin: every account, and creating one (people do not sign themselves up).
import { apiRoute } from "@/server/api-route";
import { createUser, listUsers } from "@/features/accounts/server/users";
import * as contract from "./contract";

export const dynamic = "force-dynamic";

export const GET = apiRoute(contract.GET, async () => Response.json({ items: await listUsers(), nextCursor: null }));

export const POST = apiRoute(contract.POST, async ({ body }) => Response.json(await createUser(body), { status: 201 }));
