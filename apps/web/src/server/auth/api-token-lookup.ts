// Recognising a personal API token: authentication needs this on every request, so it lives with
// authentication (infrastructure), and the accounts feature imports it to issue tokens.
// Only a token's SHA-256 is stored (a slow password hash adds nothing to a secret that cannot be
// guessed).
import { createHash } from "node:crypto";
import { getDb } from "@loraboard/db/server";
import type { UserRole } from "./better-auth";

/** Marks the string as ours, so a leaked one is recognisable (and secret scanners can match it). */
export const API_TOKEN_PREFIX = "lbt_";
// lastUsedAt is written at most this often per token, not on every request.
const LAST_USED_RESOLUTION_MS = 60_000;

export const hashApiToken = (token: string) => createHash("sha256").update(token).digest("hex");

export async function findUserByApiToken(
  token: string,
): Promise<{ userId: string; email: string; role: UserRole; tokenId: string } | null> {
  if (!token.startsWith(API_TOKEN_PREFIX)) return null;
  const db = getDb();
  const row = await db.apiToken.findUnique({
    where: { tokenHash: hashApiToken(token) },
    include: { user: { select: { email: true, role: true, banned: true } } },
  });
  if (!row || row.revokedAt || row.user.banned) return null;
  const now = new Date();
  if (!row.lastUsedAt || now.getTime() - row.lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS) {
    await db.apiToken.update({ where: { id: row.id }, data: { lastUsedAt: now } });
  }
  return { userId: row.userId, email: row.user.email, role: row.user.role, tokenId: row.id };
}
