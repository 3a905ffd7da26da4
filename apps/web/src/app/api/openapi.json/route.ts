// GET /api/openapi.json: the OpenAPI 3.1 description, generated from the zod schemas that validate
// the routes (packages/contracts/src/openapi.ts). Signed-in callers only, like every route but
// health: it maps the whole surface. Dynamic, so the credential check runs on every request.
import { buildOpenApiDocument } from "@loraboard/contracts";
import { apiRoute } from "@/server/api-route";

export const dynamic = "force-dynamic";

const document = buildOpenApiDocument();

export const GET = apiRoute(async () => Response.json(document, { headers: { "cache-control": "private, max-age=300" } }));
