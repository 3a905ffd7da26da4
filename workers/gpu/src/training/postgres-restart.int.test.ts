// Postgres crashes and comes back while a job trains: the trainer keeps going, the worker buffers
// every metric and log line it reports meanwhile and writes them once Postgres answers again, so
// the job ends with each step stored exactly once. Runs against a Postgres of its own
// (tests/helpers/throwaway-services.ts), never the shared one.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readJobEventsAfter } from "@loraboard/queue/server";
import { createDataset } from "../../../../tests/helpers/factories";
import { startThrowawayPostgres, type ThrowawayPostgres } from "../../../../tests/helpers/throwaway-services";
import { createTrainingContext, createTrainingJobRow } from "../../../../tests/helpers/training";
import { runTrainingJob } from "./run-training-job";

let postgres: ThrowawayPostgres;
let harness: Awaited<ReturnType<typeof createTrainingContext>>;
beforeAll(async () => {
  postgres = await startThrowawayPostgres();
  harness = await createTrainingContext({ db: postgres.db });
}, 120_000);
afterAll(async () => {
  await harness?.close();
  await postgres?.destroy();
}, 60_000);

async function waitFor<T>(what: string, probe: () => Promise<T | undefined | null | false>, timeoutMs = 120_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe().catch(() => undefined);
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

describe("Postgres restarted mid-job", () => {
  it("buffers the metrics reported while Postgres is down and writes them when it returns: none lost, none twice", async () => {
    const db = postgres.db;
    const dataset = await createDataset({ db });
    // 48 train rows, batch 4, 2 epochs: 24 steps, an eval every 4 (each eval also checkpoints).
    const job = await createTrainingJobRow(dataset.id, { db, hyperparameters: { epochs: 2, batchSize: 4, evalSteps: 4 } });
    const run = runTrainingJob(harness.context, job.id);

    await waitFor("a few stored steps", async () => (await db.jobMetric.count({ where: { jobId: job.id } })) >= 3);
    postgres.stop("immediate"); // a crash: open connections die, no shutdown checkpoint
    const storedBeforeOutage = 3;

    // The trainer goes on: the live stream (Redis) shows steps that Postgres cannot have.
    const liveSteps = async () =>
      (await readJobEventsAfter(harness.context.redis, job.id, "0-0", 10_000))
        .map((event) => JSON.parse(event.data) as { type: string; metric?: { step: number } })
        .filter((event) => event.type === "metric")
        .map((event) => event.metric!.step);
    // Postgres stays down until the trainer has reported its last step: the worker holds the
    // whole second part of the run, and waits at the end instead of settling the job without it.
    const stepsDuringOutage = await waitFor("the last step, reported during the outage", async () => {
      const steps = await liveSteps();
      return Math.max(...steps) >= 24 ? Math.max(...steps) : null;
    });
    await new Promise((resolve) => setTimeout(resolve, 3000));
    const isSettled = await Promise.race([run.then(() => true), new Promise((resolve) => setTimeout(() => resolve(false), 100))]);
    expect(isSettled).toBe(false); // still waiting for Postgres
    postgres.start();
    await run;

    const finished = await db.trainingJob.findUniqueOrThrow({ where: { id: job.id }, include: { adapter: true } });
    expect(finished.error, JSON.stringify(finished.error)).toBeNull();
    expect(finished.status).toBe("succeeded");
    expect(finished.attempts).toBe(1);
    expect(finished.adapter).not.toBeNull();
    const metrics = await db.jobMetric.findMany({ where: { jobId: job.id }, orderBy: { step: "asc" } });
    expect(metrics.map((m) => m.step)).toEqual(Array.from({ length: 24 }, (_, i) => i + 1));
    expect(metrics.every((m) => typeof m.loss === "number" && Number.isFinite(m.loss))).toBe(true);
    expect(metrics.filter((m) => m.evalLoss !== null).map((m) => m.step)).toEqual([4, 8, 12, 16, 20, 24]);
    expect(stepsDuringOutage).toBeGreaterThan(storedBeforeOutage);
    // The log lines of the outage were buffered too: the trainer's "completed" summary is there.
    const logLines = await db.jobLogLine.findMany({ where: { jobId: job.id }, orderBy: { id: "asc" } });
    expect(logLines.some((line) => line.line.includes("training on"))).toBe(true);
    expect(logLines.length).toBeGreaterThan(5);
  }, 240_000);
});
