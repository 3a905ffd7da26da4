import { apiRoute } from "@/server/api-route";
import { listAuditEvents } from "@/features/audit/server/list-audit";
import * as contract from "./contract";

export const dynamic = "force-dynamic";

export const GET = apiRoute(contract.GET, async ({ query }) => Response.json(await listAuditEvents(query)));
