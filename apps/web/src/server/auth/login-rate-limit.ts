// Sign-in attempts are counted in Redis per client address and per email (fixed 15-minute windows
// from the first failure), so the limit holds across every web process. An attempt takes its
// place in both counts *before* the password is checked, in one Redis script: checking first and
// counting after the answer let a burst of 200 concurrent guesses through (each saw the count
// below the limit). Once either count is spent, sign-in answers 429 until the window ends, even
// with the right password. A sign-in that was not a wrong password (it succeeded, or failed for
// another reason) gives its place back, so people are never locked out by their own sign-ins.
import { createHash } from "node:crypto";
import { getRedis } from "@loraboard/queue/server";

export const LOGIN_WINDOW_SECONDS = 15 * 60;
export const MAX_FAILURES_PER_EMAIL = 10;
export const MAX_FAILURES_PER_IP = 50;

const KEY_PREFIX = "loraboard:login-failures";

// Emails are hashed so that Redis holds no addresses.
const emailKey = (email: string) =>
  `${KEY_PREFIX}:email:${createHash("sha256").update(email.trim().toLowerCase()).digest("hex")}`;
const ipKey = (ip: string) => `${KEY_PREFIX}:ip:${ip}`;

// KEYS: the email's and the address's counters. ARGV: their limits, the window in seconds.
// Returns 0 with both counts taken, or the seconds until the spent one's window ends.
const RESERVE_SCRIPT = `
local wait = 0
for index, key in ipairs(KEYS) do
  if tonumber(redis.call('GET', key) or '0') >= tonumber(ARGV[index]) then
    wait = math.max(wait, redis.call('TTL', key), 1)
  end
end
if wait > 0 then return wait end
for _, key in ipairs(KEYS) do
  if redis.call('INCR', key) == 1 then redis.call('EXPIRE', key, ARGV[3]) end
end
return 0
`;

// Gives back what RESERVE_SCRIPT took, never below zero (the window may have ended meanwhile).
const RELEASE_SCRIPT = `
for _, key in ipairs(KEYS) do
  if tonumber(redis.call('GET', key) or '0') > 0 then redis.call('DECR', key) end
end
return 0
`;

export interface LoginAttempt {
  /** Gives the attempt's place back: it was not a wrong password. */
  release(): Promise<void>;
}

/**
 * Takes a place for one attempt in the email's and the address's counts, atomically; null when
 * either is spent, with the seconds to wait in `wait`.
 */
export async function reserveLoginAttempt(ip: string, email: string): Promise<{ attempt: LoginAttempt; wait: 0 } | { attempt: null; wait: number }> {
  const redis = getRedis();
  const keys = [emailKey(email), ipKey(ip)];
  const wait = Number(await redis.eval(RESERVE_SCRIPT, keys.length, ...keys, MAX_FAILURES_PER_EMAIL, MAX_FAILURES_PER_IP, LOGIN_WINDOW_SECONDS));
  if (wait > 0) return { attempt: null, wait };
  let released = false;
  const release = async () => {
    if (released) return;
    released = true;
    await redis.eval(RELEASE_SCRIPT, keys.length, ...keys);
  };
  return { attempt: { release }, wait: 0 };
}
