// Re-checks credentials that were valid when a long-lived request (a live stream) began: a token
// revoked, a session signed out or expired, or an account disabled or deleted since then ends it.
import { getDb } from "@loraboard/db/server";
import type { Principal } from "./authenticate";

/** The principals among `principals` that would still be let in now; one query per kind. */
export async function stillValidPrincipals(principals: Principal[]): Promise<Set<Principal>> {
  const tokenIds = new Set<string>();
  const sessionIds = new Set<string>();
  for (const principal of principals) {
    if (principal.kind === "token") tokenIds.add(principal.tokenId);
    else if (principal.kind === "session") sessionIds.add(principal.sessionId);
  }
  const db = getDb();
  const now = new Date();
  const [tokens, sessions] = await Promise.all([
    tokenIds.size === 0
      ? []
      : db.apiToken.findMany({ where: { id: { in: [...tokenIds] }, revokedAt: null, user: { banned: false } }, select: { id: true } }),
    sessionIds.size === 0
      ? []
      : db.session.findMany({ where: { id: { in: [...sessionIds] }, expiresAt: { gt: now }, user: { banned: false } }, select: { id: true } }),
  ]);
  const validTokens = new Set(tokens.map((row) => row.id));
  const validSessions = new Set(sessions.map((row) => row.id));
  return new Set(
    principals.filter((principal) => {
      if (principal.kind === "token") return validTokens.has(principal.tokenId);
      if (principal.kind === "session") return validSessions.has(principal.sessionId);
      return true; // the bootstrap API_TOKEN is the process's own setting: valid while it runs
    }),
  );
}
