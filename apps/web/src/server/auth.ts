// Who may call /api/*: a script with `Authorization: Bearer <API_TOKEN>`, or a browser that signed
// in with that token and holds the session cookie derived from it (accounts arrive later).
import { createHash, createHmac, timingSafeEqual } from "node:crypto";
import { getWebEnv } from "./env";

export const SESSION_COOKIE = "loraboard_session";

const digest = (value: string) => createHash("sha256").update(value).digest();

function safeEqual(a: string, b: string): boolean {
  // Comparing fixed-length digests keeps the comparison constant-time whatever the input length.
  return timingSafeEqual(digest(a), digest(b));
}

/** The cookie value for a signed-in browser: an HMAC of the token, never the token itself. */
export function sessionValueFor(token: string): string {
  return createHmac("sha256", token).update("loraboard-browser-session-v1").digest("hex");
}

export function isValidToken(token: string): boolean {
  return safeEqual(token, getWebEnv().API_TOKEN);
}

export function isAuthorized(request: Request): boolean {
  const header = request.headers.get("authorization");
  if (header) {
    const match = /^Bearer\s+(.+)$/i.exec(header.trim());
    return match !== null && isValidToken(match[1]!);
  }
  const cookie = readCookie(request, SESSION_COOKIE);
  return cookie !== undefined && safeEqual(cookie, sessionValueFor(getWebEnv().API_TOKEN));
}

function readCookie(request: Request, name: string): string | undefined {
  const header = request.headers.get("cookie");
  if (!header) return undefined;
  for (const part of header.split(";")) {
    const [key, ...rest] = part.trim().split("=");
    if (key === name) return decodeURIComponent(rest.join("="));
  }
  return undefined;
}
