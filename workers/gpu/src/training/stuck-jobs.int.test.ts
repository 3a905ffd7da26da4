// The sweeper against the real Postgres and Redis (issue 16 item 7): rows no worker holds are queued
// again or failed; rows a worker holds or will take are left alone.
import { afterEach, describe, expect, it } from "vitest";
import { getDb } from "@loraboard/db/server";
import { QueueName } from "@loraboard/queue";
import { enqueue, getQueue, getRedis } from "@loraboard/queue/server";
import { createDataset } from "../../../../tests/helpers/factories";
import { createTrainingJobRow } from "../../../../tests/helpers/training";
import { MAX_ATTEMPTS, sweepStuckJobs } from "./stuck-jobs";

afterEach(async () => {
  await getQueue(QueueName.train).obliterate({ force: true });
});

describe("sweepStuckJobs", () => {
  it("queues again a running job whose queue entry is gone, fails one out of attempts, leaves held ones", async () => {
    const db = getDb();
    const dataset = await createDataset();
    const orphan = await createTrainingJobRow(dataset.id);
    await db.trainingJob.update({ where: { id: orphan.id }, data: { status: "running", attempts: 1 } });
    const exhausted = await createTrainingJobRow(dataset.id);
    await db.trainingJob.update({ where: { id: exhausted.id }, data: { status: "running", attempts: MAX_ATTEMPTS } });
    const waiting = await createTrainingJobRow(dataset.id);
    await db.trainingJob.update({ where: { id: waiting.id }, data: { status: "running", attempts: 1 } });
    await enqueue(QueueName.train, waiting.id, { trainingJobId: waiting.id });
    const fresh = await createTrainingJobRow(dataset.id); // queued just now: its enqueue may be on its way

    const outcome = await sweepStuckJobs(db, getRedis());
    expect(outcome).toEqual({ requeued: [orphan.id], failed: [exhausted.id] });

    const rows = Object.fromEntries(
      (await db.trainingJob.findMany({ where: { datasetId: dataset.id } })).map((row) => [row.id, row]),
    );
    expect(rows[orphan.id]).toMatchObject({ status: "queued", attempts: 1 });
    expect(await getQueue(QueueName.train).getJobState(orphan.id)).toBe("waiting");
    expect(rows[exhausted.id]).toMatchObject({ status: "failed", error: { code: "worker_lost" } });
    expect(rows[exhausted.id]!.finishedAt).not.toBeNull();
    expect(rows[waiting.id]).toMatchObject({ status: "running" });
    expect(rows[fresh.id]).toMatchObject({ status: "queued" });
    expect(await getQueue(QueueName.train).getJobState(fresh.id)).toBe("unknown");

    // A second sweep finds nothing more to do.
    expect(await sweepStuckJobs(db, getRedis())).toEqual({ requeued: [], failed: [] });
  });
});
