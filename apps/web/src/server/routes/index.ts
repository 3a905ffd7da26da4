// Every /api route's declaration, collected from the contract.ts beside each route.ts (through the
// generated registry). The route policy (auth/route-policy.ts), the OpenAPI document and the
// API reference page are all built from this one list; adding a route adds nothing here.
import { buildOpenApiDocument, type OpenApiDocument, type RouteDeclaration } from "@loraboard/contracts";
import { ROUTE_CONTRACTS } from "./registry.generated";

export const ROUTES: readonly RouteDeclaration[] = ROUTE_CONTRACTS.flatMap((contract): RouteDeclaration[] => Object.values(contract));

let document: OpenApiDocument | undefined;

/** The OpenAPI 3.1 document of every declared route (built once: it depends on nothing else). */
export function openApiDocument(): OpenApiDocument {
  return (document ??= buildOpenApiDocument(ROUTES));
}
