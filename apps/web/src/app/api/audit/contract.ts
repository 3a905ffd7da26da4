// Who did what: admins read the audit log (deletions, cancellations, account changes, revoked
// tokens, and every change made with an admin's API token or the API_TOKEN).
import { AuditListQuery, AuditListResponse, declareRoute, named } from "@loraboard/contracts";

export const GET = declareRoute("GET /api/audit", "admin", {
  tag: "Users", operationId: "listAuditEvents",
  summary: "The audit log: deletions, cancellations, account changes, revoked tokens, and every change made with an admin's API token or the API_TOKEN",
  query: AuditListQuery,
  responses: { 200: { description: "Events, newest first; `nextCursor` pages on to older ones.", json: named("AuditListResponse", AuditListResponse) } },
  errors: [422],
});
