// Live job events (metrics, status changes, log lines) travel through one Redis Stream per job:
// stream ids increase monotonically, so they double as SSE event ids, and a reconnecting browser
// reads on from its Last-Event-ID. Transient by design: Postgres keeps every metric and log line.
import type { Redis } from "ioredis";
import type { JobLiveEvent } from "@loraboard/contracts";

const MAX_EVENTS_PER_JOB = 20_000;
const STREAM_TTL_SECONDS = 7 * 24 * 3600;

export function jobEventStreamKey(trainingJobId: string): string {
  return `loraboard:job-events:${trainingJobId}`;
}

export async function appendJobEvent(redis: Redis, trainingJobId: string, event: JobLiveEvent): Promise<string> {
  const key = jobEventStreamKey(trainingJobId);
  const id = await redis.xadd(key, "MAXLEN", "~", MAX_EVENTS_PER_JOB, "*", "data", JSON.stringify(event));
  await redis.expire(key, STREAM_TTL_SECONDS);
  return id ?? "";
}

export interface StoredJobEvent {
  id: string;
  data: string;
}

function toEvents(entries: [string, string[]][]): StoredJobEvent[] {
  return entries.map(([id, fields]) => ({ id, data: fields[fields.indexOf("data") + 1] ?? "null" }));
}

/** Events after `afterId` (exclusive) that are already stored. */
export async function readJobEventsAfter(redis: Redis, trainingJobId: string, afterId: string, count = 1000) {
  const entries = await redis.xrange(jobEventStreamKey(trainingJobId), `(${afterId}`, "+", "COUNT", count);
  return toEvents(entries);
}

/** Waits up to `blockMs` for events after `afterId` ("$" = only new ones). Needs its own connection. */
export async function waitForJobEvents(redis: Redis, trainingJobId: string, afterId: string, blockMs: number) {
  const reply = await redis.xread("COUNT", 500, "BLOCK", blockMs, "STREAMS", jobEventStreamKey(trainingJobId), afterId);
  if (!reply) return [];
  return toEvents(reply[0]![1] as [string, string[]][]);
}

/** Waits up to `blockMs` for events of several jobs at once, each after its own id: one blocking
 * connection serves every live stream of a process. Needs its own connection. */
export async function waitForManyJobEvents(
  redis: Redis,
  cursors: ReadonlyMap<string, string>,
  blockMs: number,
): Promise<Map<string, StoredJobEvent[]>> {
  const found = new Map<string, StoredJobEvent[]>();
  if (cursors.size === 0) return found;
  const jobIdOfKey = new Map([...cursors.keys()].map((jobId) => [jobEventStreamKey(jobId), jobId]));
  const reply = await redis.xread("COUNT", 500, "BLOCK", blockMs, "STREAMS", ...jobIdOfKey.keys(), ...cursors.values());
  for (const [key, entries] of reply ?? []) {
    found.set(jobIdOfKey.get(key)!, toEvents(entries as [string, string[]][]));
  }
  return found;
}

/** Orders two stream ids ("<ms>-<seq>"): negative when a is older than b. */
export function compareJobEventIds(a: string, b: string): number {
  const [aMs = 0, aSeq = 0] = a.split("-").map(Number);
  const [bMs = 0, bSeq = 0] = b.split("-").map(Number);
  return aMs - bMs || aSeq - bSeq;
}

/** The id of the newest event, or "0-0" when there is none yet. */
export async function lastJobEventId(redis: Redis, trainingJobId: string): Promise<string> {
  const entries = await redis.xrevrange(jobEventStreamKey(trainingJobId), "+", "-", "COUNT", 1);
  return entries[0]?.[0] ?? "0-0";
}

// Cancellation requests: a key the worker checks (so none is lost while it is disconnected) and a
// pub/sub message so that it reacts at once.
export const JOB_CONTROL_CHANNEL = "loraboard:job-control";
const cancelKey = (trainingJobId: string) => `loraboard:cancel:${trainingJobId}`;

export async function requestJobCancel(redis: Redis, trainingJobId: string) {
  await redis.set(cancelKey(trainingJobId), "1", "EX", 7 * 24 * 3600);
  await redis.publish(JOB_CONTROL_CHANNEL, JSON.stringify({ type: "cancel", trainingJobId }));
}

export async function isJobCancelRequested(redis: Redis, trainingJobId: string): Promise<boolean> {
  return (await redis.exists(cancelKey(trainingJobId))) === 1;
}
