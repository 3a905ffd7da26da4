// A worker killed with SIGKILL mid-training: BullMQ's stalled-job recovery hands the job to the
// next worker, the trainer resumes from its last checkpoint, and the metrics stay contiguous.
import { afterEach, describe, expect, it } from "vitest";
import { getDb } from "@loraboard/db/server";
import { QueueName } from "@loraboard/queue";
import { enqueue } from "@loraboard/queue/server";
import { createDataset } from "../../../tests/helpers/factories";
import { createTrainingJobRow } from "../../../tests/helpers/training";
import { startWorkerProcess, waitFor, type WorkerProcess } from "../../../tests/helpers/worker-process";

const workers: WorkerProcess[] = [];
const startWorker = (name: string) => {
  const worker = startWorkerProcess(name);
  workers.push(worker);
  return worker;
};

afterEach(() => {
  for (const worker of workers.splice(0)) worker.kill();
});

describe("worker crash", () => {
  it("resumes a job from its checkpoint after the worker is SIGKILLed; every step stored once", async () => {
    const db = getDb();
    const dataset = await createDataset();
    // 48 train rows, batch 4, 3 epochs: 36 steps, a checkpoint every 4.
    const job = await createTrainingJobRow(dataset.id, { hyperparameters: { epochs: 3, batchSize: 4, evalSteps: 4 } });
    await enqueue(QueueName.train, job.id, { trainingJobId: job.id });

    const first = startWorker("crash-test-1");
    await waitFor("a checkpoint and a few more steps", async () => {
      const row = await db.trainingJob.findUnique({ where: { id: job.id } });
      return row?.lastCheckpoint && row.currentStep >= 6;
    });
    first.kill();
    const stepsBeforeCrash = (await db.trainingJob.findUniqueOrThrow({ where: { id: job.id } })).currentStep;

    startWorker("crash-test-2");
    const finished = await waitFor("the job to finish", async () => {
      const row = await db.trainingJob.findUnique({ where: { id: job.id } });
      return row && ["succeeded", "failed", "cancelled"].includes(row.status) ? row : null;
    });
    expect(finished.error, JSON.stringify(finished.error)).toBeNull();
    expect(finished.status).toBe("succeeded");
    expect(finished.attempts).toBe(2);

    const steps = (await db.jobMetric.findMany({ where: { jobId: job.id }, orderBy: { step: "asc" } })).map((m) => m.step);
    expect(steps).toEqual(Array.from({ length: 36 }, (_, i) => i + 1));
    expect(stepsBeforeCrash).toBeLessThan(36);
    const resumed = await db.jobLogLine.findFirst({ where: { jobId: job.id, attempt: 2, stream: "worker", line: { contains: "resuming from checkpoint-" } } });
    expect(resumed).not.toBeNull();
  }, 300_000);
});
