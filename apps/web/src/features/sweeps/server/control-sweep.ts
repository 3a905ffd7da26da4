// Cancel, delete and promote. A sweep's jobs are ordinary jobs: cancelling and deleting go through
// the jobs' own paths. Promoting does for one job what training does for a job outside a sweep:
// its adapter is loaded into the inference server and it is evaluated on the test split.
import { PromoteSweepBody, type SweepDetail } from "@loraboard/contracts";
import { getDb } from "@loraboard/db/server";
import { QueueName } from "@loraboard/queue";
import { enqueue } from "@loraboard/queue/server";
import { ApiError, notFound } from "@/server/api-error";
import { recordAudit } from "@/server/audit/audit-log";
import type { Principal } from "@/server/auth/authenticate";
import { loadAdapter } from "@/features/adapters/server/adapters";
import { cancelJob } from "@/features/jobs/server/control-job";
import { deleteJob } from "@/features/jobs/server/delete-job";
import { ACTIVE_JOB_STATUSES, getSweep } from "./query-sweeps";

/** Cancels every queued or running job of the sweep; the finished ones keep their results. */
export async function cancelSweep(id: string, actor: Principal): Promise<SweepDetail> {
  const db = getDb();
  const sweep = await getSweep(id);
  if (sweep.status !== "running") {
    throw new ApiError(409, "sweep_not_cancellable", `The sweep is ${sweep.status}; only a running sweep can be cancelled.`);
  }
  await recordAudit(db, actor, { action: "sweep.cancel", targetType: "sweep", targetId: id });
  await db.sweep.update({ where: { id }, data: { status: "cancelled" } });
  for (const entry of sweep.jobs) {
    if (entry.job.status !== "queued" && entry.job.status !== "running") continue;
    // A job that ended meanwhile is no reason to stop cancelling the others.
    await cancelJob(entry.job.id, actor).catch((error: unknown) => {
      if (!(error instanceof ApiError && error.status === 409)) throw error;
    });
  }
  return getSweep(id);
}

/** Deletes a sweep whose jobs have all ended: each job as DELETE /api/jobs/:id would, then the sweep. */
export async function deleteSweep(id: string, actor: Principal): Promise<void> {
  const db = getDb();
  const sweep = await db.sweep.findUnique({ where: { id }, include: { jobs: { select: { id: true, status: true } } } });
  if (!sweep) throw notFound(`Sweep ${id}`);
  const active = sweep.jobs.filter((job) => ACTIVE_JOB_STATUSES.includes(job.status));
  if (active.length > 0) {
    throw new ApiError(409, "sweep_active", `${active.length} job${active.length === 1 ? " of the sweep is" : "s of the sweep are"} still queued or running: cancel the sweep first, then delete it.`);
  }
  await recordAudit(db, actor, { action: "sweep.delete", targetType: "sweep", targetId: id, details: { jobs: sweep.jobs.length } });
  for (const job of sweep.jobs) await deleteJob(job.id);
  await db.sweep.delete({ where: { id } });
}

/**
 * Promotes a succeeded job of the sweep (the best by its metric unless `jobId` says which): loads
 * its adapter and evaluates it on the test split, once (a second promote reuses the evaluation).
 */
export async function promoteSweepJob(id: string, input: unknown) {
  const body = PromoteSweepBody.parse(input ?? {});
  const db = getDb();
  const sweep = await getSweep(id);
  let jobId = body.jobId;
  if (!jobId) {
    const best = sweep.jobs.find((entry) => entry.rank !== null && entry.job.status === "succeeded" && entry.job.adapterId);
    if (!best) throw new ApiError(409, "no_promotable_job", "No job of the sweep has succeeded with a validation score yet: wait for one to finish, or name a jobId.");
    jobId = best.job.id;
  }
  const entry = sweep.jobs.find((candidate) => candidate.job.id === jobId);
  if (!entry) {
    throw new ApiError(422, "invalid_request", `Job ${jobId} is not part of sweep ${id}.`, [{ field: "jobId", message: "name a job of this sweep" }]);
  }
  const adapter = await db.adapter.findUnique({ where: { jobId } });
  if (entry.job.status !== "succeeded" || !adapter) {
    throw new ApiError(409, "job_not_promotable", `Job ${jobId} is ${entry.job.status}: only a job that succeeded has an adapter to promote.`);
  }

  // Into its base model's own server (409 inference_server_mismatch when that URL serves another).
  await loadAdapter(adapter.id);
  const evaluationId = await evaluateOnTestSplit(entry.job, adapter);
  await db.sweep.update({ where: { id }, data: { winnerJobId: jobId } });
  return { jobId, adapterId: adapter.id, adapterName: adapter.name, evaluationId };
}

/** The evaluation training would have started (workers/gpu after-training.ts), credited to the job's creator. */
async function evaluateOnTestSplit(job: SweepDetail["jobs"][number]["job"], adapter: { id: string; name: string }): Promise<string | null> {
  const db = getDb();
  const testRows = await db.datasetRow.count({ where: { datasetId: job.datasetId, split: "test" } });
  if (testRows === 0) return null;
  const existing = await db.evaluation.findFirst({ where: { jobId: job.id, split: "test", status: { notIn: ["failed", "cancelled"] } } });
  if (existing) return existing.id;
  const evaluation = await db.evaluation.create({
    data: { model: adapter.name, adapterId: adapter.id, jobId: job.id, datasetId: job.datasetId, split: "test", total: testRows, createdById: job.createdBy?.id ?? null },
  });
  try {
    await enqueue(QueueName.evaluate, evaluation.id, { evaluationId: evaluation.id });
  } catch {
    await db.evaluation.delete({ where: { id: evaluation.id } });
    throw new ApiError(503, "queue_unavailable", "The job queue (Redis) is not reachable; the adapter is loaded but its evaluation was not started. Try again.");
  }
  return evaluation.id;
}
