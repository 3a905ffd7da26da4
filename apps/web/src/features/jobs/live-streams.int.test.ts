// Live job streams against the real Redis and Postgres (issue 16, item 4): many streams share one
// Redis reader, an account holds at most MAX_LIVE_STREAMS_PER_USER of them, and a stream ends once
// its token is revoked or its account disabled.
import { afterEach, describe, expect, it } from "vitest";
import { appendJobEvent, getRedis } from "@loraboard/queue/server";
import { GET as eventsRoute } from "@/app/api/jobs/[id]/events/route";
import { listApiTokens, revokeApiToken } from "@/features/accounts/server/api-tokens";
import { updateUser } from "@/features/accounts/server/users";
import { getWebEnv } from "@/server/env";
import { recheckLiveStreams, RECHECK_MS } from "./server/live-streams";
import { apiRequest, routeParams } from "../../../../../tests/helpers/api";
import { browserRequest, createTestAccount } from "../../../../../tests/helpers/accounts";
import { createDataset } from "../../../../../tests/helpers/factories";
import { createTrainingJobRow } from "../../../../../tests/helpers/training";

const open: ReadableStreamDefaultReader<Uint8Array>[] = [];

afterEach(async () => {
  await Promise.all(open.splice(0).map((reader) => reader.cancel().catch(() => undefined)));
});

async function openStream(jobId: string, request: Request) {
  const response = await eventsRoute(request, routeParams({ id: jobId }));
  if (response.status !== 200) return { status: response.status, body: await response.json() };
  const reader = response.body!.getReader();
  open.push(reader);
  return { status: 200, reader };
}

/** Reads until `text` has arrived; "closed" when the stream ends first. */
async function readUntil(reader: ReadableStreamDefaultReader<Uint8Array>, text: string, timeoutMs = 10_000): Promise<"found" | "closed"> {
  const decoder = new TextDecoder();
  let received = "";
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const next = await Promise.race([reader.read(), new Promise<null>((resolve) => setTimeout(() => resolve(null), deadline - Date.now()))]);
    if (next === null) break;
    if (next.done) return "closed";
    received += decoder.decode(next.value);
    if (received.includes(text)) return "found";
  }
  throw new Error(`neither "${text}" nor the end of the stream came within ${timeoutMs} ms`);
}

async function redisClientCount(): Promise<number> {
  const list = (await getRedis().client("LIST")) as string;
  return list.trim().split("\n").length;
}

const metric = (step: number) => ({ type: "metric" as const, metric: { step, epoch: 0, loss: 1, gradNorm: 1, learningRate: 1e-3 } });

describe("live job streams", () => {
  it("serves many streams on several jobs from one Redis reader, each getting its job's events", async () => {
    const dataset = await createDataset();
    const jobs = await Promise.all([1, 2, 3].map(() => createTrainingJobRow(dataset.id)));
    const accounts = await Promise.all([1, 2, 3, 4, 5].map(() => createTestAccount("member")));
    await getRedis().ping();
    const before = await redisClientCount();

    const readers: { jobId: string; reader: ReadableStreamDefaultReader<Uint8Array> }[] = [];
    for (const [a, account] of accounts.entries()) {
      for (let i = 0; i < getWebEnv().MAX_LIVE_STREAMS_PER_USER; i++) {
        const job = jobs[(a + i) % jobs.length]!;
        const opened = await openStream(job.id, apiRequest(`/api/jobs/${job.id}/events`, { token: account.token }));
        expect(opened.status).toBe(200);
        readers.push({ jobId: job.id, reader: opened.reader! });
      }
    }
    expect(readers.length).toBe(100);
    // Every stream has sent its snapshot, so each is past connecting to Redis.
    expect(await Promise.all(readers.map(({ reader }) => readUntil(reader, '"type":"status"')))).toEqual(readers.map(() => "found"));
    // 100 streams: the one shared reader at most, where one Redis client per stream used to be.
    const during = await redisClientCount();
    console.info(`[test] Redis clients: ${before} before, ${during} with ${readers.length} streams open`);
    expect(during - before).toBeLessThanOrEqual(2);

    await Promise.all(jobs.map((job, index) => appendJobEvent(getRedis(), job.id, metric(100 + index))));
    const results = await Promise.all(readers.map(({ jobId, reader }) => readUntil(reader, `"step":${100 + jobs.findIndex((j) => j.id === jobId)}`)));
    expect(results.every((result) => result === "found")).toBe(true);
  });

  it("refuses an account's stream past the cap with 429, also in a concurrent burst, and frees a slot when a stream closes", async () => {
    const limit = getWebEnv().MAX_LIVE_STREAMS_PER_USER;
    const dataset = await createDataset();
    const job = await createTrainingJobRow(dataset.id);
    const account = await createTestAccount("member");
    const request = () => apiRequest(`/api/jobs/${job.id}/events`, { token: account.token });

    const burst = await Promise.all(Array.from({ length: limit + 10 }, () => openStream(job.id, request())));
    expect(burst.filter((opened) => opened.status === 200)).toHaveLength(limit);
    const refused = burst.filter((opened) => opened.status === 429);
    expect(refused).toHaveLength(10);
    expect(refused[0]!.body.error.code).toBe("too_many_streams");
    expect(refused[0]!.body.error.message).toContain("MAX_LIVE_STREAMS_PER_USER");

    // Another account is not affected; closing one of the first account's streams frees its slot.
    const other = await createTestAccount("member");
    expect((await openStream(job.id, apiRequest(`/api/jobs/${job.id}/events`, { token: other.token }))).status).toBe(200);
    await burst.find((opened) => opened.status === 200)!.reader!.cancel();
    expect((await openStream(job.id, request())).status).toBe(200);
    expect((await openStream(job.id, request())).status).toBe(429);
  });

  it("closes a stream once its token is revoked or its account disabled, and keeps the others", async () => {
    expect(RECHECK_MS).toBeLessThanOrEqual(60_000);
    const dataset = await createDataset();
    const job = await createTrainingJobRow(dataset.id);
    const [revoked, disabled, kept] = await Promise.all([createTestAccount("member"), createTestAccount("member"), createTestAccount("member")]);
    const tokenStream = await openStream(job.id, apiRequest(`/api/jobs/${job.id}/events`, { token: revoked.token }));
    const sessionStream = await openStream(job.id, browserRequest(`/api/jobs/${job.id}/events`, disabled.cookie));
    const keptStream = await openStream(job.id, apiRequest(`/api/jobs/${job.id}/events`, { token: kept.token }));
    for (const opened of [tokenStream, sessionStream, keptStream]) expect(opened.status).toBe(200);
    for (const opened of [tokenStream, sessionStream, keptStream]) expect(await readUntil(opened.reader!, '"type":"status"')).toBe("found");

    await revokeApiToken(revoked.id, (await listApiTokens(revoked.id))[0]!.id);
    await updateUser(disabled.id, { banned: true });
    await recheckLiveStreams(); // what the timer does every RECHECK_MS

    expect(await readUntil(tokenStream.reader!, "never sent")).toBe("closed");
    expect(await readUntil(sessionStream.reader!, "never sent")).toBe("closed");
    await appendJobEvent(getRedis(), job.id, metric(7));
    expect(await readUntil(keptStream.reader!, '"step":7')).toBe("found");
  });
});

