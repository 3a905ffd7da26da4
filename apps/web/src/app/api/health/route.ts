import { apiRoute } from "@/server/api-route";
import { checkHealth } from "@/features/health/server/check-health";

export const dynamic = "force-dynamic";

export const GET = apiRoute(async () => Response.json(await checkHealth(), { headers: { "cache-control": "no-store" } }), {
  isPublic: true,
});
