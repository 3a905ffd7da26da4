// GET /api/openapi.json: the OpenAPI 3.1 description, built from every route's declaration
// (server/routes). Dynamic, so the credential check runs on every request.
import { apiRoute } from "@/server/api-route";
import { openApiDocument } from "@/server/routes";
import * as contract from "./contract";

export const dynamic = "force-dynamic";

export const GET = apiRoute(contract.GET, async () => Response.json(openApiDocument(), { headers: { "cache-control": "private, max-age=300" } }));
