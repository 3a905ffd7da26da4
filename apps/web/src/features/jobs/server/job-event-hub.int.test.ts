// The shared live-event reader against a Redis of its own: a job watched while the reader is
// blocked gets its events at once (not after the block times out), and a Redis restart loses
// nothing: the reader resumes from where it was.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Redis } from "ioredis";
import { appendJobEvent, createRedis, type StoredJobEvent } from "@loraboard/queue/server";
import { startThrowawayRedis, type ThrowawayRedis } from "../../../../../../tests/helpers/throwaway-services";
import { JobEventHub } from "./job-event-hub";

let redis: ThrowawayRedis;
let commands: Redis;
let hub: JobEventHub;
beforeAll(async () => {
  redis = await startThrowawayRedis({ persistent: true });
  commands = createRedis(redis.url);
  commands.on("error", () => undefined); // expected while Redis is killed
  hub = new JobEventHub(redis.url, () => commands, 10_000);
});
afterAll(async () => {
  await hub.close();
  commands.disconnect();
  await redis.destroy();
});

const metric = (step: number) => ({ type: "metric" as const, metric: { step, epoch: 0, loss: 1, gradNorm: 1, learningRate: 1e-3 } });

function collect() {
  const events: StoredJobEvent[] = [];
  const waitFor = async (count: number, timeoutMs: number) => {
    const deadline = Date.now() + timeoutMs;
    while (events.length < count && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    return events.map((event) => JSON.parse(event.data).metric.step as number);
  };
  return { listener: (batch: StoredJobEvent[]) => events.push(...batch), waitFor };
}

describe("JobEventHub", () => {
  it("delivers a newly watched job's events without waiting for the blocked read to time out", async () => {
    const first = collect();
    const stopFirst = hub.watch("job-a", "0-0", first.listener);
    await appendJobEvent(commands, "job-a", metric(1));
    expect(await first.waitFor(1, 5_000)).toEqual([1]);
    await new Promise((resolve) => setTimeout(resolve, 300)); // the reader is blocked again (10 s)

    const second = collect();
    const stopSecond = hub.watch("job-b", "0-0", second.listener);
    const startedAt = Date.now();
    await appendJobEvent(commands, "job-b", metric(7));
    expect(await second.waitFor(1, 5_000)).toEqual([7]);
    expect(Date.now() - startedAt).toBeLessThan(3_000);
    expect(hub.watchedJobCount).toBe(2);
    stopFirst();
    stopSecond();
    expect(hub.watchedJobCount).toBe(0);
  });

  it("resumes after a Redis restart from where it was, losing nothing", async () => {
    const seen = collect();
    const stop = hub.watch("job-c", "0-0", seen.listener);
    await appendJobEvent(commands, "job-c", metric(1));
    expect(await seen.waitFor(1, 5_000)).toEqual([1]);

    await redis.kill();
    await new Promise((resolve) => setTimeout(resolve, 1_500)); // reads fail meanwhile
    await redis.start();
    await appendJobEvent(commands, "job-c", metric(2));
    await appendJobEvent(commands, "job-c", metric(3));
    expect(await seen.waitFor(3, 15_000)).toEqual([1, 2, 3]);
    stop();
  });
});
