// Unknown /api/* paths: a JSON 404, after the same credential check as every route. Not in the
// OpenAPI document (there is nothing to call).
import { declareRoute, type HttpMethod } from "@loraboard/contracts";

const notARoute = <M extends HttpMethod>(method: M) =>
  declareRoute(`${method} /api/[...path]`, "member", {
    tag: "Meta", operationId: `unknownRoute${method}`, summary: "No such API route",
    responses: {},
    errors: [404],
    undocumented: true,
  });

export const GET = notARoute("GET");
export const POST = notARoute("POST");
export const PUT = notARoute("PUT");
export const PATCH = notARoute("PATCH");
export const DELETE = notARoute("DELETE");
