import { apiRoute } from "@/server/api-route";
import { listAdapters } from "@/features/adapters/server/adapters";
import * as contract from "./contract";

export const dynamic = "force-dynamic";

export const GET = apiRoute(contract.GET, async () => Response.json(await listAdapters()));
