// Who did what. Records are added in the same transaction as the change they describe, so a
// deletion is never without its row nor a row without its deletion. Members share one workspace
// (anyone may delete a dataset); this log is how an admin finds out who did.
import type { Db, Prisma } from "@loraboard/db/server";
import type { Creator } from "@loraboard/contracts";
import type { Principal } from "../auth/authenticate";

type DbOrTx = Db | Prisma.TransactionClient;

export type AuditAction =
  | "dataset.delete"
  | "job.cancel"
  | "sweep.cancel"
  | "sweep.delete"
  | "user.update"
  | "user.delete"
  | "token.revoke"
  | "base_model.delete"
  | "api.request";

export interface AuditEntry {
  action: AuditAction;
  targetType: string;
  targetId: string;
  details?: Prisma.InputJsonObject;
}

/** The row for `entry` done by `principal`, for a batch transaction ($transaction([...])). */
export function auditData(principal: Principal, entry: AuditEntry): Prisma.AuditEventCreateInput {
  return {
    actorId: principal.userId,
    actorEmail: principal.email,
    via: principal.kind,
    tokenId: principal.kind === "token" ? principal.tokenId : null,
    action: entry.action,
    targetType: entry.targetType,
    targetId: entry.targetId,
    details: entry.details,
  };
}

export async function recordAudit(db: DbOrTx, principal: Principal, entry: AuditEntry): Promise<void> {
  await db.auditEvent.create({ data: auditData(principal, entry) });
}

/** The account a new record is credited to; null for the bootstrap API_TOKEN, which is none. */
export const creatorIdOf = (principal: Principal | null | undefined): string | null => principal?.userId ?? null;

/** The `include`/`select` fragment that reads a record's creator for the API. */
export const CREATOR_SELECT = { select: { id: true, name: true, email: true } } as const;

export const toCreator = (row: { id: string; name: string; email: string } | null | undefined): Creator | null =>
  row ? { id: row.id, name: row.name, email: row.email } : null;
