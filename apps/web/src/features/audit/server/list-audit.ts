// GET /api/audit (admin): the audit log, newest first, paged by event id.
import { AuditEvent, type AuditListQuery, type AuditListResponse } from "@loraboard/contracts";
import { getDb } from "@loraboard/db/server";

export async function listAuditEvents(query: AuditListQuery): Promise<AuditListResponse> {
  const rows = await getDb().auditEvent.findMany({
    where: {
      ...(query.actorId ? { actorId: query.actorId } : {}),
      ...(query.action ? { action: query.action } : {}),
      ...(query.cursor ? { id: { lt: BigInt(query.cursor) } } : {}),
    },
    orderBy: { id: "desc" },
    take: query.limit + 1,
  });
  const page = rows.slice(0, query.limit);
  return {
    items: page.map((row) =>
      AuditEvent.parse({
        id: row.id.toString(),
        createdAt: row.createdAt.toISOString(),
        actorId: row.actorId,
        actorEmail: row.actorEmail,
        via: row.via,
        tokenId: row.tokenId,
        action: row.action,
        targetType: row.targetType,
        targetId: row.targetId,
        details: row.details ?? null,
      }),
    ),
    nextCursor: rows.length > query.limit ? page.at(-1)!.id.toString() : null,
  };
}
