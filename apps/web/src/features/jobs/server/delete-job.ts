// Deleting a finished job: its row (metrics, logs and adapter row go with it; evaluations keep their
// reports, unlinked), its adapter unloaded from the inference server, and its files on disk: the job
// directory (splits, spec, checkpoints) and the adapter's directory. A job a worker still works on
// is refused (409): cancel it first.
import { getDb } from "@loraboard/db/server";
import { InferenceError, unloadAdapterRecord } from "@loraboard/inference";
import { ApiError, notFound } from "@/server/api-error";
import { getWebEnv } from "@/server/env";
import { forgetServedModels, inferenceFor, toApiError } from "@/features/adapters/server/inference-client";
import { removeJobFiles } from "./job-files";

const ACTIVE_STATUSES = ["queued", "running", "evaluating"] as const;

export async function deleteJob(id: string, dataDir = getWebEnv().DATA_DIR): Promise<void> {
  const db = getDb();
  const job = await db.trainingJob.findUnique({ where: { id }, include: { adapter: true, baseModel: { select: { id: true, inferenceUrl: true } } } });
  if (!job) throw notFound(`Job ${id}`);
  if ((ACTIVE_STATUSES as readonly string[]).includes(job.status)) {
    throw new ApiError(409, "job_active", `Job ${id} is ${job.status}: cancel it first, then delete it.`);
  }
  if (job.adapter) {
    // A server that is down serves nothing; any other refusal keeps the job, so nothing is served
    // from a directory that is gone.
    const outcome = await unloadAdapterRecord(db, inferenceFor(job.baseModel), job.adapter.id);
    forgetServedModels();
    if (outcome.error && !(outcome.error instanceof InferenceError && outcome.error.kind === "unavailable")) throw toApiError(outcome.error);
  }
  // The status condition: a retry or a worker that took the job meanwhile keeps it.
  const deleted = await db.trainingJob.deleteMany({ where: { id, status: { notIn: [...ACTIVE_STATUSES] } } });
  if (deleted.count === 0) throw new ApiError(409, "job_active", `Job ${id} started again just now: cancel it first, then delete it.`);
  await removeJobFiles(dataDir, { id, adapterPath: job.adapter?.path, adapterName: job.adapter?.name });
}
