// Admin: who deleted, cancelled, changed accounts or revoked tokens, and what admin tokens changed.
import { AuditListQuery } from "@loraboard/contracts";
import { apiRoute } from "@/server/api-route";
import { listAuditEvents } from "@/features/audit/server/list-audit";

export const dynamic = "force-dynamic";

export const GET = apiRoute(async (request) =>
  Response.json(await listAuditEvents(AuditListQuery.parse(Object.fromEntries(new URL(request.url).searchParams)))),
);
