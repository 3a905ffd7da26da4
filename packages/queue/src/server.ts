// BullMQ queues and Redis connections. Server-only: browser code never imports this path.
import { Queue, type JobsOptions } from "bullmq";
import { Redis } from "ioredis";
import {
  QueueName,
  QueuePayloadSchemas,
  WORKER_HEARTBEAT_PREFIX,
  WorkerHeartbeat,
  type QueuePayloads,
} from "./contract";

export * from "./contract";

export function createRedis(redisUrl: string, options: { forWorker?: boolean } = {}): Redis {
  return new Redis(redisUrl, {
    // BullMQ workers need blocking commands to wait forever; producers should fail fast.
    maxRetriesPerRequest: options.forWorker ? null : 2,
    connectTimeout: 3000,
    lazyConnect: false,
  });
}

const globalForQueues = globalThis as unknown as {
  loraboardRedis?: Redis;
  loraboardQueues?: Map<QueueName, Queue>;
};

function redisUrl(): string {
  const url = process.env.REDIS_URL;
  if (!url) throw new Error("Setting REDIS_URL is missing: expected a redis:// URL");
  return url;
}

/** One shared producer connection per process. */
export function getRedis(): Redis {
  globalForQueues.loraboardRedis ??= createRedis(redisUrl());
  return globalForQueues.loraboardRedis;
}

export function getQueue(name: QueueName): Queue {
  globalForQueues.loraboardQueues ??= new Map();
  let queue = globalForQueues.loraboardQueues.get(name);
  if (!queue) {
    queue = new Queue(name, { connection: getRedis() });
    globalForQueues.loraboardQueues.set(name, queue);
  }
  return queue;
}

/** Validates the payload, then enqueues it with `jobId` as the BullMQ job id (dedupes repeats).
 * `options`: retries (attempts, backoff) for the queues that have them. */
export async function enqueue<Q extends QueueName>(
  name: Q,
  jobId: string,
  payload: QueuePayloads[Q],
  options: Pick<JobsOptions, "attempts" | "backoff"> = {},
): Promise<void> {
  const parsed = QueuePayloadSchemas[name].parse(payload);
  await getQueue(name).add(name, parsed, {
    jobId,
    removeOnComplete: { count: 1000 },
    removeOnFail: { count: 1000 },
    ...options,
  });
}

export async function isRedisUp(timeoutMs = 2000): Promise<boolean> {
  try {
    const reply = await Promise.race([
      getRedis().ping(),
      new Promise<never>((_, reject) => setTimeout(() => reject(new Error("timeout")), timeoutMs)),
    ]);
    return reply === "PONG";
  } catch {
    return false;
  }
}

async function heartbeatKeys(redis: Redis): Promise<string[]> {
  let cursor = "0";
  const keys: string[] = [];
  do {
    const [next, found] = await redis.scan(cursor, "MATCH", `${WORKER_HEARTBEAT_PREFIX}*`, "COUNT", 100);
    cursor = next;
    keys.push(...found);
  } while (cursor !== "0");
  return keys;
}

/** Number of workers whose heartbeat key has not expired. */
export async function countLiveWorkers(redis: Redis = getRedis()): Promise<number> {
  return (await heartbeatKeys(redis)).length;
}

export interface LiveWorker extends WorkerHeartbeat {
  id: string;
}

/** The workers whose heartbeat key has not expired, by id; a heartbeat that does not parse (an older
 * worker's) counts as a worker without GPUs rather than hiding it. */
export async function listLiveWorkers(redis: Redis = getRedis()): Promise<LiveWorker[]> {
  const keys = (await heartbeatKeys(redis)).sort();
  const values = keys.length ? await redis.mget(...keys) : [];
  return keys.flatMap((key, index) => {
    const value = values[index];
    if (value == null) return []; // expired between SCAN and MGET
    let parsed: unknown = {};
    try {
      parsed = JSON.parse(value);
    } catch {
      // not JSON: no details, still a live worker
    }
    const heartbeat = WorkerHeartbeat.safeParse(parsed);
    return [{ id: key.slice(WORKER_HEARTBEAT_PREFIX.length), ...(heartbeat.success ? heartbeat.data : { gpus: [] }) }];
  });
}

export * from "./live-events";
