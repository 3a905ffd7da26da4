import { apiRoute } from "@/server/api-route";
import { listAdapters } from "@/features/adapters/server/adapters";

export const dynamic = "force-dynamic";

export const GET = apiRoute(async () => Response.json(await listAdapters()));
