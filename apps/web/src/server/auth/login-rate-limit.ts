// Failed sign-ins are counted in Redis per client IP and per email (fixed 15-minute windows), so
// the limit holds across every web process; once either count is spent, sign-in answers 429
// until the window ends, even with the right password. Only failures count: a person who types
// the password right is never locked out by their own successful sign-ins.
import { createHash } from "node:crypto";
import { getRedis } from "@loraboard/queue/server";

export const LOGIN_WINDOW_SECONDS = 15 * 60;
export const MAX_FAILURES_PER_EMAIL = 10;
export const MAX_FAILURES_PER_IP = 50;

const KEY_PREFIX = "loraboard:login-failures";

/**
 * The client address: the last X-Forwarded-For hop. Next's server sets the header from the socket
 * when a request has none, and a proxy in front appends the address it saw, so the last hop is
 * the one no client can forge behind a proxy. (Exposed directly, a client that sends its own
 * header picks its key: the per-email limit is the one nobody can dodge.)
 */
export function clientIp(request: Request): string {
  const hops = request.headers.get("x-forwarded-for")?.split(",").map((hop) => hop.trim()).filter(Boolean) ?? [];
  return hops.at(-1) || request.headers.get("x-real-ip")?.trim() || "unknown";
}

// Emails are hashed so that Redis holds no addresses.
const emailKey = (email: string) =>
  `${KEY_PREFIX}:email:${createHash("sha256").update(email.trim().toLowerCase()).digest("hex")}`;
const ipKey = (ip: string) => `${KEY_PREFIX}:ip:${ip}`;

/** Seconds until sign-in is allowed again for this IP or email; 0 when it is allowed now. */
export async function secondsUntilLoginAllowed(ip: string, email: string): Promise<number> {
  const redis = getRedis();
  const replies = (await redis.multi().get(emailKey(email)).get(ipKey(ip)).ttl(emailKey(email)).ttl(ipKey(ip)).exec()) ?? [];
  const [emailCount, ipCount, emailTtl, ipTtl] = replies.map(([error, value]) => {
    if (error) throw error;
    return Number(value ?? 0);
  }) as [number, number, number, number];
  const waits: number[] = [];
  if (emailCount >= MAX_FAILURES_PER_EMAIL) waits.push(Math.max(1, emailTtl));
  if (ipCount >= MAX_FAILURES_PER_IP) waits.push(Math.max(1, ipTtl));
  return waits.length > 0 ? Math.max(...waits) : 0;
}

export async function recordLoginFailure(ip: string, email: string): Promise<void> {
  const multi = getRedis().multi();
  for (const key of [emailKey(email), ipKey(ip)]) {
    // The window starts at the first failure; later failures do not extend it.
    multi.set(key, 0, "EX", LOGIN_WINDOW_SECONDS, "NX").incr(key);
  }
  await multi.exec();
}
