// Two workers and a Redis outage longer than the job lock (issue 16 item 8). While Redis is away the
// first worker cannot renew its 30 s lock; once Redis is back the stalled check hands the job to the
// second worker. The first must stop its trainer then: never two trainers on one job for long, every
// attempt in a folder of its own, and the old attempt's writes refused once a new one began. Real
// processes, a Redis of the test's own (persistent, as scripts/services.sh runs it).
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { Queue } from "bullmq";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@loraboard/db/server";
import { QueueName } from "@loraboard/queue";
import { createRedis, requestJobCancel } from "@loraboard/queue/server";
import { createDataset } from "../../../tests/helpers/factories";
import { startThrowawayRedis, type ThrowawayRedis } from "../../../tests/helpers/throwaway-services";
import { createTrainingJobRow } from "../../../tests/helpers/training";
import { startWorkerProcess, waitFor, type WorkerProcess } from "../../../tests/helpers/worker-process";

let redis: ThrowawayRedis;
const workers: WorkerProcess[] = [];
beforeAll(async () => {
  redis = await startThrowawayRedis({ persistent: true });
});
afterAll(async () => {
  for (const worker of workers) worker.kill();
  await redis?.destroy();
});

/** Trainer processes of this job now running (their command line names the job's spec). */
function trainersOf(jobId: string): number {
  let count = 0;
  for (const pid of readdirSync("/proc").filter((name) => /^\d+$/.test(name))) {
    try {
      const cmdline = readFileSync(path.join("/proc", pid, "cmdline"), "utf8").split("\0");
      if (cmdline.includes("lora_trainer") && cmdline.some((arg) => arg.includes(`/jobs/${jobId}/`))) count += 1;
    } catch {
      // gone meanwhile
    }
  }
  return count;
}

describe("job lock lost during a Redis outage", () => {
  it("stops the first trainer when a second worker takes the job; the job ends once, every step stored once", async () => {
    const db = getDb();
    const dataset = await createDataset();
    // 48 train rows, batch 2, 100 epochs: 2,400 steps, a checkpoint every 12. The job must still be
    // training when Redis goes away and when the second worker takes it, however fast this machine
    // is (an idle one trains ~6 steps/s and finished a 480-step job during the outage, failing the
    // test), so it is far longer than the test needs and the test cancels it once the second attempt
    // has trained past the first's last step.
    const job = await createTrainingJobRow(dataset.id, { hyperparameters: { epochs: 100, batchSize: 2, evalSteps: 12 } });
    const connection = createRedis(redis.url);
    connection.on("error", () => undefined);
    const queue = new Queue(QueueName.train, { connection });
    queue.on("error", () => undefined);
    await queue.add(QueueName.train, { trainingJobId: job.id }, { jobId: job.id });

    workers.push(startWorkerProcess("lock-lost-1", { REDIS_URL: redis.url }));
    await waitFor("a checkpoint", async () => (await db.trainingJob.findUnique({ where: { id: job.id } }))?.lastCheckpoint);
    workers.push(startWorkerProcess("lock-lost-2", { REDIS_URL: redis.url }));
    await waitFor("the second worker to be ready", async () => workers[1]!.output().includes("ready"), 120_000);

    const beforeOutage = await db.trainingJob.findUnique({ where: { id: job.id } });
    expect(beforeOutage?.status, "the job must still be training when Redis goes away").toBe("running");
    await redis.kill();
    await new Promise((resolve) => setTimeout(resolve, 40_000)); // longer than the 30 s lock
    await redis.start();

    // From the moment the second attempt exists, the first trainer must be gone soon.
    let secondAttemptAt: number | null = null;
    let lastOverlapAt: number | null = null;
    const watchOverlap = async () => {
      const row = await db.trainingJob.findUnique({ where: { id: job.id } });
      if (row && row.attempts >= 2) secondAttemptAt ??= Date.now();
      if (trainersOf(job.id) > 1) lastOverlapAt = Date.now();
      return row;
    };
    const describeWorkers = (error: Error) => {
      throw new Error(`${error.message}\n${workers.map((worker) => worker.output()).join("\n----\n")}`);
    };
    // The second attempt resumes from the first's last checkpoint; once it has stored steps past
    // everything the first attempt stored, the hand-over is complete.
    await waitFor("the second attempt to start", async () => {
      const row = await watchOverlap();
      return row && row.attempts >= 2 && row.status === "running";
    }, 600_000).catch(describeWorkers);
    const lastStoredStep = async () =>
      (await db.jobMetric.aggregate({ where: { jobId: job.id }, _max: { step: true } }))._max.step ?? 0;
    const stepsOfAttempt1 = await lastStoredStep();
    await waitFor("the second attempt to train past the first", async () => {
      await watchOverlap();
      return (await lastStoredStep()) >= stepsOfAttempt1 + 12;
    }, 600_000).catch(describeWorkers);
    await requestJobCancel(connection, job.id);
    const finished = await waitFor(
      "the job to end",
      async () => {
        const row = await watchOverlap();
        return row && ["succeeded", "failed", "cancelled"].includes(row.status) ? row : null;
      },
      300_000,
    ).catch(describeWorkers);
    const output = workers.map((worker) => worker.output()).join("\n----\n");
    expect(finished.status, `${JSON.stringify(finished.error)}\n${output}`).toBe("cancelled");
    expect(finished.attempts, output).toBeGreaterThanOrEqual(2);
    expect(secondAttemptAt).not.toBeNull();
    // A trainer checkpoints before it stops: a few seconds of overlap at most, never a second run to the end.
    if (lastOverlapAt !== null) expect(lastOverlapAt - secondAttemptAt!, output).toBeLessThan(30_000);
    // Every step stored exactly once, with no gap where the attempts met.
    const steps = (await db.jobMetric.findMany({ where: { jobId: job.id }, orderBy: { step: "asc" } })).map((m) => m.step);
    expect(steps.length).toBeGreaterThan(stepsOfAttempt1);
    expect(steps).toEqual(Array.from({ length: steps.length }, (_, i) => i + 1));
    // The first worker said why it stopped its trainer.
    expect(workers[0]!.output()).toMatch(/attempt 1 (lost the job's lock|was superseded)/);
    // Each attempt wrote into a folder of its own.
    const jobDir = path.join(process.env.DATA_DIR!, "jobs", job.id);
    expect(readdirSync(jobDir).filter((name) => name.startsWith("attempt-")).sort()).toEqual(
      Array.from({ length: finished.attempts }, (_, i) => `attempt-${i + 1}`),
    );
    await queue.close();
    connection.disconnect();
  }, 1_200_000);
});
