// How a trainer run ends the job: the adapter row and `succeeded` (or `evaluating`) after a
// `completed` event and exit 0; `cancelled` when asked; back to the queue when this worker is
// stopping (the next one resumes from the checkpoint); otherwise `failed` with the trainer's reason.
// Every write is fenced by the attempt (attempt-fence.ts): a superseded attempt settles nothing.
// A succeeded job keeps only its last checkpoint. A sweep's job is neither loaded nor evaluated when
// it succeeds (a sweep would fill vLLM's adapter slots and the evaluation queue): only the job the
// user promotes is (POST /api/sweeps/{id}/promote).
import path from "node:path";
import { DelayedError, type Job as BullJob } from "bullmq";
import { holdAttempt } from "./attempt-fence";
import { keepLastCheckpoint } from "./checkpoints";
import { setJobStatus, settleJob } from "./job-status";
import type { TrainingContext } from "./run-training-job";
import { describeCrash } from "./trainer-crash";
import type { TrainerOutput } from "./trainer-output";

export interface FinishedRun {
  job: { id: string; adapterName: string; baseModelId: string; createdById: string | null; sweepId?: string | null };
  attempt: number;
  output: TrainerOutput;
  isCancelRequested: boolean;
  exit: { code: number; signal: string | null };
}

export async function settleTrainingRun(context: TrainingContext, run: FinishedRun, bullJob?: BullJob, token?: string) {
  const { db, redis } = context;
  const { job, output, exit } = run;
  const fence = { asAttempt: run.attempt };
  const completed = output.completed;
  if (completed && exit.code === 0) {
    await db.$transaction(async (tx) => {
      await holdAttempt(tx, job.id, run.attempt);
      await tx.adapter.upsert({
        where: { jobId: job.id },
        // The adapter is credited to whoever started the job; a sweep's stays unloaded (reconcile
        // loads every adapter that should be loaded) until it is promoted.
        create: {
          name: job.adapterName,
          jobId: job.id,
          baseModelId: job.baseModelId,
          path: completed.adapterDir,
          createdById: job.createdById,
          shouldLoad: !job.sweepId,
        },
        update: { path: completed.adapterDir },
      });
      await tx.trainingJob.update({
        where: { id: job.id },
        data: {
          progress: 1,
          currentStep: completed.steps,
          totalSteps: output.totalSteps ?? completed.steps,
          bestStep: completed.bestStep ?? null,
        },
      });
    });
    await keepLastCheckpoint(path.join(context.dataDir, "jobs", job.id)).catch((error: Error) =>
      console.warn(`[worker] train ${job.id}: old checkpoints not removed: ${error.message}`),
    );
    const nextStatus = (job.sweepId ? undefined : await context.onSucceeded?.(job.id)) ?? "succeeded";
    if (nextStatus === "succeeded") await settleJob(db, redis, job.id, "succeeded", { progress: 1 }, fence);
    else await setJobStatus(db, redis, job.id, nextStatus, { etaSeconds: null, progress: 1 }, fence);
    return;
  }
  if (run.isCancelRequested) {
    await settleJob(db, redis, job.id, "cancelled", {}, fence);
    return;
  }
  if (context.isShuttingDown() && bullJob && token) {
    // This worker is stopping: the trainer saved a checkpoint; put the job back so that the next
    // worker resumes it from there.
    await db.jobLogLine.create({
      data: { jobId: job.id, attempt: run.attempt, stream: "worker", line: "worker stopping: the job goes back to the queue and resumes from its checkpoint" },
    });
    await setJobStatus(db, redis, job.id, "queued", {}, fence);
    await bullJob.moveToDelayed(Date.now() + 1000, token);
    throw new DelayedError();
  }
  const error = output.failed
    ? { code: output.failed.code, message: output.failed.error }
    : describeCrash(exit.code, exit.signal, output.lastStderr);
  await settleJob(db, redis, job.id, "failed", { error }, fence);
}
