import { apiRoute } from "@/server/api-route";
import { listWorkers } from "@/features/health/server/list-workers";
import * as contract from "./contract";

export const dynamic = "force-dynamic";

export const GET = apiRoute(contract.GET, async () => Response.json({ items: await listWorkers() }, { headers: { "cache-control": "no-store" } }));
