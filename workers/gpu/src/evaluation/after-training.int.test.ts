// The evaluation a job starts by itself after training is credited to the job's creator.
import { describe, expect, it } from "vitest";
import { getDb } from "@loraboard/db/server";
import { QueueName } from "@loraboard/queue";
import { getQueue } from "@loraboard/queue/server";
import { createDataset } from "../../../../tests/helpers/factories";
import { createTrainingJobRow } from "../../../../tests/helpers/training";
import { startEvaluationAfterTraining } from "./after-training";

describe("startEvaluationAfterTraining", () => {
  it("creates the test-split evaluation as the job's creator", async () => {
    const db = getDb();
    const job = await createTrainingJobRow((await createDataset()).id);
    const creator = await db.user.create({ data: { id: `creator-${job.id}`, name: "Creator", email: `creator-${job.id}@example.com` } });
    await db.trainingJob.update({ where: { id: job.id }, data: { createdById: creator.id } });
    await db.adapter.create({ data: { name: job.adapterName, jobId: job.id, baseModelId: "demo-tiny-zh", path: "/nowhere", createdById: creator.id } });

    expect(await startEvaluationAfterTraining(db, job.id)).toBe("evaluating");
    const evaluation = await db.evaluation.findFirstOrThrow({ where: { jobId: job.id } });
    expect(evaluation.createdById).toBe(creator.id);
    await getQueue(QueueName.evaluate).obliterate({ force: true });
  });

  it("settles a job whose evaluation already ended as succeeded, instead of queueing it again", async () => {
    const db = getDb();
    const job = await createTrainingJobRow((await createDataset()).id);
    await db.adapter.create({ data: { name: job.adapterName, jobId: job.id, baseModelId: "demo-tiny-zh", path: "/nowhere" } });
    expect(await startEvaluationAfterTraining(db, job.id)).toBe("evaluating");
    await db.evaluation.updateMany({ where: { jobId: job.id }, data: { status: "failed", finishedAt: new Date() } });
    await getQueue(QueueName.evaluate).obliterate({ force: true });

    // Settling again (the train entry came back after a Redis outage) would otherwise leave the job
    // `evaluating` behind an evaluation that never runs again.
    expect(await startEvaluationAfterTraining(db, job.id)).toBe("succeeded");
    expect(await getQueue(QueueName.evaluate).getJobCounts("waiting")).toMatchObject({ waiting: 0 });
  });
});
