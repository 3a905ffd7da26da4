// Who may call each /api route: collected from the routes' declarations (the contract.ts beside
// each route.ts, whose `access` apiRoute enforces), never written twice. The access kinds and
// their meaning are RouteAccess in @loraboard/contracts. route-policy.int.test.ts globs the route
// files and fails on a route without a declaration or one declared for another path.
import { routeKey, type RouteAccess } from "@loraboard/contracts";
import { ROUTES } from "../routes";

export type Access = RouteAccess;

/** "METHOD /api/path/[param]" → its access, for every declared route. */
export const ROUTE_POLICY: Readonly<Record<string, Access>> = Object.fromEntries(ROUTES.map((route) => [routeKey(route), route.access]));
