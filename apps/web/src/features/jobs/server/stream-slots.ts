// The per-account cap on live streams, kept in Redis so that it holds across every web process:
// one sorted set per account whose members are open streams, scored by when their lease ends.
// Each process renews its streams' leases while they are open, so a crashed process's slots free
// themselves after LEASE_MS instead of locking the account out for good.
import { randomUUID } from "node:crypto";
import { getRedis } from "@loraboard/queue/server";

export const LEASE_MS = 90_000;
const KEY_PREFIX = "loraboard:live-streams";

// Drop expired leases, then take a slot only if one is free: one script, so a burst of concurrent
// requests cannot all see a free slot at once.
const ACQUIRE = `
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[1])
if redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[4]) then return 0 end
redis.call('ZADD', KEYS[1], ARGV[2], ARGV[3])
redis.call('PEXPIRE', KEYS[1], ARGV[5])
return 1`;

export interface StreamSlot {
  key: string;
  member: string;
}

/** "bootstrap" for the API_TOKEN, otherwise the account's id. */
const slotKey = (owner: string) => `${KEY_PREFIX}:${owner}`;

/** A slot for one more stream of `owner`, or null when `limit` streams are open already. */
export async function acquireStreamSlot(owner: string, limit: number): Promise<StreamSlot | null> {
  const slot = { key: slotKey(owner), member: randomUUID() };
  const now = Date.now();
  const taken = await getRedis().eval(ACQUIRE, 1, slot.key, now, now + LEASE_MS, slot.member, limit, LEASE_MS * 2);
  return taken === 1 ? slot : null;
}

/** A slot that Redis does not hold (it could not be reached): renewing and releasing it do nothing. */
export function uncountedSlot(owner: string): StreamSlot {
  return { key: slotKey(owner), member: `uncounted-${randomUUID()}` };
}

/** Extends the leases of streams still open (XX: a released slot is not brought back). */
export async function renewStreamSlots(slots: StreamSlot[]): Promise<void> {
  if (slots.length === 0) return;
  const until = Date.now() + LEASE_MS;
  const pipeline = getRedis().pipeline();
  for (const slot of slots) pipeline.zadd(slot.key, "XX", until, slot.member).pexpire(slot.key, LEASE_MS * 2);
  await pipeline.exec();
}

export async function releaseStreamSlot(slot: StreamSlot): Promise<void> {
  await getRedis().zrem(slot.key, slot.member);
}
