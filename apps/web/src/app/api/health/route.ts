import { apiRoute } from "@/server/api-route";
import { checkHealth } from "@/features/health/server/check-health";
import * as contract from "./contract";

export const dynamic = "force-dynamic";

// Public (contract.ts): load balancers and probes call it without credentials.
export const GET = apiRoute(contract.GET, async () => Response.json(await checkHealth(), { headers: { "cache-control": "no-store" } }));
