// Fencing by attempt (issue 16 item 8) against the real Postgres: once another worker has begun a
// newer attempt, the older attempt's batches are refused and it is told to stop.
import { describe, expect, it } from "vitest";
import { getDb } from "@loraboard/db/server";
import { createRedis } from "@loraboard/queue/server";
import { createDataset } from "../../../../tests/helpers/factories";
import { createTrainingJobRow } from "../../../../tests/helpers/training";
import { FencedError, updateJobAsAttempt } from "./attempt-fence";
import { JobRecorder } from "./job-recorder";

describe("attempt fencing", () => {
  it("refuses an older attempt's metrics, logs and progress once a newer attempt began, and says so", async () => {
    const db = getDb();
    const redis = createRedis(process.env.REDIS_URL!, { forWorker: true });
    try {
      const job = await createTrainingJobRow((await createDataset()).id);
      await db.trainingJob.update({ where: { id: job.id }, data: { status: "running", attempts: 1 } });
      const first = new JobRecorder(db, redis, job.id, 1);
      const fenced: FencedError[] = [];
      first.onFenced((error) => fenced.push(error));
      first.recordMetric({ step: 1, loss: 0.9 });
      first.recordProgress({ currentStep: 1, totalSteps: 10, etaSeconds: 5 });
      await first.flush();

      // Another worker takes the job: attempt 2.
      await db.trainingJob.update({ where: { id: job.id }, data: { attempts: 2, currentStep: 0 } });
      first.recordMetric({ step: 2, loss: 0.8 });
      first.recordLog("still training");
      first.recordProgress({ currentStep: 2, totalSteps: 10, etaSeconds: 4 });
      await expect(first.flush()).rejects.toBeInstanceOf(FencedError);
      expect(fenced).toHaveLength(1);
      await first.close(1000); // returns: nothing of a fenced attempt is waited for

      expect((await db.jobMetric.findMany({ where: { jobId: job.id } })).map((m) => m.step)).toEqual([1]);
      expect(await db.jobLogLine.count({ where: { jobId: job.id, line: "still training" } })).toBe(0);
      expect((await db.trainingJob.findUniqueOrThrow({ where: { id: job.id } })).currentStep).toBe(0);
      await expect(updateJobAsAttempt(db, job.id, 1, { status: "failed" })).rejects.toBeInstanceOf(FencedError);
      await updateJobAsAttempt(db, job.id, 2, { status: "succeeded" });
      expect((await db.trainingJob.findUniqueOrThrow({ where: { id: job.id } })).status).toBe("succeeded");
    } finally {
      redis.disconnect();
    }
  });
});
