// Personal API tokens for scripts: 256 random bits, shown once; only their SHA-256 is stored
// (recognising one is authentication's job: server/auth/api-token-lookup.ts). Revoked tokens stay
// listed, marked, so a person can see what was cut off and when.
import { randomBytes } from "node:crypto";
import { getDb } from "@loraboard/db/server";
import type { ApiTokenSummary, CreatedApiToken } from "@loraboard/contracts";
import { ApiError } from "@/server/api-error";
import { API_TOKEN_PREFIX, hashApiToken } from "@/server/auth/api-token-lookup";

const SHOWN_PREFIX_LENGTH = API_TOKEN_PREFIX.length + 6;

type TokenRow = { id: string; name: string; prefix: string; createdAt: Date; lastUsedAt: Date | null; revokedAt: Date | null };

function toSummary(row: TokenRow): ApiTokenSummary {
  return {
    id: row.id,
    name: row.name,
    prefix: row.prefix,
    createdAt: row.createdAt.toISOString(),
    lastUsedAt: row.lastUsedAt?.toISOString() ?? null,
    revokedAt: row.revokedAt?.toISOString() ?? null,
  };
}

export async function createApiToken(userId: string, name: string): Promise<CreatedApiToken> {
  const token = `${API_TOKEN_PREFIX}${randomBytes(32).toString("base64url")}`;
  const row = await getDb().apiToken.create({
    data: { userId, name, prefix: token.slice(0, SHOWN_PREFIX_LENGTH), tokenHash: hashApiToken(token) },
  });
  return { ...toSummary(row), token };
}

export async function listApiTokens(userId: string): Promise<ApiTokenSummary[]> {
  const rows = await getDb().apiToken.findMany({ where: { userId }, orderBy: { createdAt: "desc" } });
  return rows.map(toSummary);
}

/** Revokes one of `userId`'s tokens; another person's token is a 404, not a hint that it exists. */
export async function revokeApiToken(userId: string, tokenId: string): Promise<ApiTokenSummary> {
  const db = getDb();
  const row = await db.apiToken.findFirst({ where: { id: tokenId, userId } });
  if (!row) throw new ApiError(404, "not_found", `No API token ${tokenId}.`);
  if (row.revokedAt) return toSummary(row);
  return toSummary(await db.apiToken.update({ where: { id: tokenId }, data: { revokedAt: new Date() } }));
}
