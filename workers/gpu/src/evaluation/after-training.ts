// A job that trains successfully is evaluated on its dataset's test split: the job shows
// `evaluating` until that evaluation ends, then `succeeded` with the evaluation linked. A sweep's
// job is not: only the one promoted is evaluated.
import type { Redis } from "ioredis";
import type { JobStatus } from "@loraboard/contracts";
import type { Db } from "@loraboard/db/server";
import { QueueName } from "@loraboard/queue";
import { appendJobEvent, enqueue } from "@loraboard/queue/server";
import { announceEvaluationStatus, announceJobStatus } from "@loraboard/queue/webhooks";

export async function startEvaluationAfterTraining(db: Db, trainingJobId: string): Promise<JobStatus> {
  const job = await db.trainingJob.findUniqueOrThrow({ where: { id: trainingJobId }, include: { adapter: true } });
  // A sweep's jobs are evaluated only when promoted (the web app starts that evaluation).
  if (!job.adapter || job.sweepId) return "succeeded";
  const testRows = await db.datasetRow.count({ where: { datasetId: job.datasetId, split: "test" } });
  if (testRows === 0) return "succeeded";
  // One evaluation per job even if this runs twice (a retried worker): reuse an existing one.
  let evaluation = await db.evaluation.findFirst({ where: { jobId: trainingJobId, split: "test" } });
  if (!evaluation) {
    evaluation = await db.evaluation.create({
      // Credited to whoever started the job: it asked for this evaluation by training.
      data: { model: job.adapter.name, adapterId: job.adapter.id, jobId: trainingJobId, datasetId: job.datasetId, split: "test", total: testRows, createdById: job.createdById },
    });
    await announceEvaluationStatus(db, evaluation.id, "queued");
  }
  // An evaluation that already ended (a settling run again) is not queued again: the job is done.
  if (["succeeded", "failed", "cancelled"].includes(evaluation.status)) return "succeeded";
  await enqueue(QueueName.evaluate, evaluation.id, { evaluationId: evaluation.id });
  return "evaluating";
}

export async function finishJobAfterEvaluation(db: Db, redis: Redis, evaluationId: string) {
  const evaluation = await db.evaluation.findUnique({ where: { id: evaluationId }, select: { jobId: true } });
  if (!evaluation?.jobId) return;
  const finishedAt = new Date();
  const updated = await db.trainingJob.updateMany({
    where: { id: evaluation.jobId, status: "evaluating" },
    data: { status: "succeeded", finishedAt },
  });
  if (updated.count > 0) {
    await appendJobEvent(redis, evaluation.jobId, {
      type: "status",
      job: { id: evaluation.jobId, status: "succeeded", evaluationId, finishedAt: finishedAt.toISOString() },
    }).catch(() => undefined);
    await announceJobStatus(db, evaluation.jobId, "succeeded");
  }
}
