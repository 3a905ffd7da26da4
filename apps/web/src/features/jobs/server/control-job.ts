// Cancel and retry. A queued job is removed from the queue and cancelled here; a running one is
// cancelled by its worker, which stops the trainer and records the outcome.
import type { Job } from "@loraboard/contracts";
import { getDb } from "@loraboard/db/server";
import { QueueName } from "@loraboard/queue";
import { getQueue, getRedis, requestJobCancel, appendJobEvent } from "@loraboard/queue/server";
import { announceJobStatus } from "@loraboard/queue/webhooks";
import { ApiError, notFound } from "@/server/api-error";
import { createJob } from "./create-job";
import { getJob } from "./query-jobs";
import { recordAudit } from "@/server/audit/audit-log";
import type { Principal } from "@/server/auth/authenticate";

export async function cancelJob(id: string, actor: Principal): Promise<Job> {
  const db = getDb();
  const job = await db.trainingJob.findUnique({ where: { id }, select: { status: true } });
  if (!job) throw notFound(`Job ${id}`);
  if (!["queued", "running"].includes(job.status)) {
    throw new ApiError(409, "job_not_cancellable", `The job is ${job.status}; only queued or running jobs can be cancelled.`);
  }
  await recordAudit(db, actor, { action: "job.cancel", targetType: "job", targetId: id, details: { status: job.status } });
  await requestJobCancel(getRedis(), id);
  // If no worker has taken it yet, remove it from the queue and finish it here. A job that a worker
  // holds is locked and cannot be removed: the worker sees the request and stops the trainer.
  const queued = await getQueue(QueueName.train).getJob(id);
  const isRemoved = queued ? await queued.remove().then(() => true, () => false) : true;
  if (isRemoved) {
    const updated = await db.trainingJob.updateMany({
      where: { id, status: { in: ["queued", "running"] } },
      data: { status: "cancelled", finishedAt: new Date(), etaSeconds: null },
    });
    if (updated.count > 0) {
      await appendJobEvent(getRedis(), id, { type: "status", job: { id, status: "cancelled" } });
      await announceJobStatus(db, id, "cancelled");
    }
  }
  return getJob(id);
}

/** A retry is a new job, credited to whoever retries; a sweep's job is retried within its sweep. */
export async function retryJob(id: string, createdById: string | null = null): Promise<Job> {
  const job = await getDb().trainingJob.findUnique({ where: { id } });
  if (!job) throw notFound(`Job ${id}`);
  if (!["failed", "cancelled"].includes(job.status)) {
    throw new ApiError(409, "job_not_retryable", `The job is ${job.status}; only failed or cancelled jobs can be retried.`);
  }
  return createJob({
    datasetId: job.datasetId,
    baseModelId: job.baseModelId,
    name: job.name,
    hyperparameters: job.hyperparameters,
    promptTemplate: job.promptTemplate,
    labelWords: job.labelWords,
  }, createdById, job.sweepId);
}
