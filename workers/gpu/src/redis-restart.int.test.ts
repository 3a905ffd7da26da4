// Redis crashes and comes back while the worker trains a job. Redis only holds queue state and
// live events (Postgres is the source of truth), so the trainer goes on, every metric still
// reaches Postgres, the worker reconnects, and the job finishes once, not twice. Runs against a
// Redis of its own, persistent like scripts/services.sh's, never the shared one.
import { Queue } from "bullmq";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@loraboard/db/server";
import { QueueName } from "@loraboard/queue";
import { createRedis } from "@loraboard/queue/server";
import { createDataset } from "../../../tests/helpers/factories";
import { startThrowawayRedis, type ThrowawayRedis } from "../../../tests/helpers/throwaway-services";
import { createTrainingJobRow } from "../../../tests/helpers/training";
import { startWorkerProcess, waitFor, type WorkerProcess } from "../../../tests/helpers/worker-process";

let redis: ThrowawayRedis;
let worker: WorkerProcess | undefined;
beforeAll(async () => {
  redis = await startThrowawayRedis({ persistent: true });
});
afterAll(async () => {
  worker?.kill();
  await redis?.destroy();
});

describe("Redis restarted mid-job", () => {
  it("keeps training: every metric reaches Postgres while Redis is down, the worker reconnects, the job ends once", async () => {
    const db = getDb();
    const dataset = await createDataset();
    // 48 train rows, batch 4, 3 epochs: 36 steps.
    const job = await createTrainingJobRow(dataset.id, { hyperparameters: { epochs: 3, batchSize: 4, evalSteps: 4 } });
    const connection = createRedis(redis.url);
    connection.on("error", () => undefined); // it reconnects by itself once Redis is back
    const queue = new Queue(QueueName.train, { connection });
    queue.on("error", () => undefined); // refused connections while Redis is down, as expected
    await queue.add(QueueName.train, { trainingJobId: job.id }, { jobId: job.id });

    worker = startWorkerProcess("redis-restart-test", { REDIS_URL: redis.url });
    const storedSteps = () => db.jobMetric.count({ where: { jobId: job.id } });
    await waitFor("a few stored steps", async () => (await storedSteps()) >= 3);
    await redis.kill();
    const stepsAtCrash = await storedSteps();

    // Without Redis the job goes on: Postgres keeps receiving its metrics.
    await waitFor("steps stored while Redis is down", async () => (await storedSteps()) >= stepsAtCrash + 4, 120_000);
    expect(worker.child.exitCode, worker.output()).toBeNull();
    await redis.start();

    const finished = await waitFor("the job to finish", async () => {
      const row = await db.trainingJob.findUnique({ where: { id: job.id } });
      return row && ["succeeded", "failed", "cancelled"].includes(row.status) ? row : null;
    });
    expect(finished.error, `${JSON.stringify(finished.error)}\n${worker.output()}`).toBeNull();
    expect(finished.status).toBe("succeeded");
    expect(finished.attempts).toBe(1); // one run: Redis coming back did not start the job again
    const steps = (await db.jobMetric.findMany({ where: { jobId: job.id }, orderBy: { step: "asc" } })).map((m) => m.step);
    expect(steps).toEqual(Array.from({ length: 36 }, (_, i) => i + 1));
    expect(worker.child.exitCode, worker.output()).toBeNull(); // the worker survived the outage
    // The queue, restored from Redis's append-only file, records the job as done.
    try {
      await waitFor("BullMQ to record the job completed", async () => (await queue.getJobState(job.id)) === "completed", 30_000);
    } finally {
      await queue.close();
      connection.disconnect();
    }
  }, 300_000);
});
