// Who is calling: a person's session cookie, a person's API token, or the bootstrap API_TOKEN
// from the environment (acts as an admin; only when set). Nothing else gets in.
import { createHash, timingSafeEqual } from "node:crypto";
import { getWebEnv } from "../env";
import { getAuth, SESSION_COOKIE_NAMES, type UserRole } from "./better-auth";
import { findUserByApiToken } from "./api-token-lookup";

export type Principal =
  | { kind: "bootstrap"; role: "admin"; userId: null; email: null }
  | { kind: "token"; role: UserRole; userId: string; email: string; tokenId: string }
  | { kind: "session"; role: UserRole; userId: string; email: string; sessionId: string; setCookies: string[] };

const digest = (value: string) => createHash("sha256").update(value).digest();

/** Constant-time whatever the lengths: compares fixed-length digests. */
function isSameSecret(a: string, b: string): boolean {
  return timingSafeEqual(digest(a), digest(b));
}

export function bearerToken(request: Request): string | null | undefined {
  const header = request.headers.get("authorization");
  if (header === null) return undefined;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header.trim());
  return match ? match[1]! : null;
}

export function hasSessionCookie(request: Request): boolean {
  const cookie = request.headers.get("cookie") ?? "";
  return SESSION_COOKIE_NAMES.some((name) => cookie.includes(`${name}=`));
}

export async function authenticate(request: Request): Promise<Principal | null> {
  const token = bearerToken(request);
  // An Authorization header decides alone: a wrong one is refused even with a valid cookie.
  if (token !== undefined) {
    if (token === null) return null;
    const bootstrap = getWebEnv().API_TOKEN;
    if (bootstrap && isSameSecret(token, bootstrap)) return { kind: "bootstrap", role: "admin", userId: null, email: null };
    const found = await findUserByApiToken(token);
    return found ? { kind: "token", role: found.role, userId: found.userId, email: found.email, tokenId: found.tokenId } : null;
  }
  if (!hasSessionCookie(request)) return null;
  const { headers, response } = await getAuth(request).api.getSession({ headers: request.headers, returnHeaders: true });
  if (!response || response.user.banned) return null;
  // No cookie cache: the session and its user (role included) were just read from Postgres.
  return {
    kind: "session",
    role: response.user.role === "admin" ? "admin" : "member",
    userId: response.user.id,
    email: response.user.email,
    sessionId: response.session.id,
    // A sliding session's refreshed cookie, to be sent back with the route's answer.
    setCookies: headers.getSetCookie(),
  };
}
