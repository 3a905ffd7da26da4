import { apiRoute } from "@/server/api-route";
import { checkHealth } from "@/features/health/server/check-health";

export const dynamic = "force-dynamic";

// Public (route-policy.ts): load balancers and probes call it without credentials.
export const GET = apiRoute(async () => Response.json(await checkHealth(), { headers: { "cache-control": "no-store" } }));
