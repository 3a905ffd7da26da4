// GET /api/openapi.json: the OpenAPI 3.1 description, generated from the zod schemas that validate
// the routes (packages/contracts/src/openapi.ts). Public, like /api/health.
import { buildOpenApiDocument } from "@loraboard/contracts";
import { apiRoute } from "@/server/api-route";

export const dynamic = "force-static";

const document = buildOpenApiDocument();

export const GET = apiRoute(async () => Response.json(document, { headers: { "cache-control": "public, max-age=300" } }), {
  isPublic: true,
});
