// One `train` job: export the splits, write the spec, run the trainer, record what it reports,
// and settle the job's status. The worker owns every status change after `queued` (job-status.ts).
// Every path ends the attempt in a terminal status or hands it back (issue 16 item 7): an error
// before or after the trainer fails the job with it. An attempt that loses the job (its lock lapsed
// while Redis was away, or another worker began a newer attempt) stops its trainer and writes
// nothing more (item 8); each attempt works in a folder of its own.
import { mkdir } from "node:fs/promises";
import path from "node:path";
import { DelayedError, type Job as BullJob } from "bullmq";
import type { Redis } from "ioredis";
import type { JobStatus } from "@loraboard/contracts";
import type { Db } from "@loraboard/db/server";
import { isJobCancelRequested } from "@loraboard/queue/server";
import type { LostLocks } from "../queues/lost-locks";
import { FencedError } from "./attempt-fence";
import { watchForCancel } from "./cancel-watch";
import { attemptDirectory, findLatestCheckpoint } from "./checkpoints";
import { exportTrainingSplits } from "./export-splits";
import type { GpuPool } from "./gpu-pool";
import { JobRecorder } from "./job-recorder";
import { FINAL_STATUSES, setJobStatus, settleJob } from "./job-status";
import { settleTrainingRun } from "./settle-training-run";
import { TrainerOutput } from "./trainer-output";
import type { RunningTrainer, TrainerRuntime } from "./trainer-runtime";
import { writeTrainerSpec } from "./trainer-spec";

const STOP_GRACE_MS = 60_000;

export interface TrainingContext {
  db: Db;
  /** For commands and publishing. */
  redis: Redis;
  /** A connection in subscriber mode, for cancel requests. */
  subscriber: Redis;
  dataDir: string;
  runtime: TrainerRuntime;
  gpuPool: GpuPool;
  isShuttingDown: () => boolean;
  /**
   * Called once training succeeded and the adapter row exists (serving and evaluation hook in);
   * it may say the job goes on as "evaluating" instead of ending "succeeded".
   */
  onSucceeded?: (trainingJobId: string) => Promise<JobStatus | void>;
  /** Told by the queue consumer when this worker could not renew a job's lock. */
  lostLocks?: LostLocks;
}

type JobRow = NonNullable<Awaited<ReturnType<typeof loadJob>>>;
type Phase = "preparing" | "training" | "settling";

const PHASE_TEXT: Record<Phase, string> = {
  preparing: "The worker could not prepare the run (exporting the splits, writing the spec)",
  training: "The worker failed while the trainer ran",
  settling: "Training finished, but the worker failed afterwards (storing the adapter, loading it, starting its evaluation)",
};

function loadJob(db: Db, trainingJobId: string) {
  return db.trainingJob.findUnique({ where: { id: trainingJobId }, include: { baseModel: true } });
}

export async function runTrainingJob(context: TrainingContext, trainingJobId: string, bullJob?: BullJob, token?: string) {
  const { db, redis } = context;
  const job = await loadJob(db, trainingJobId);
  if (!job) {
    console.warn(`[worker] train ${trainingJobId}: no such job row (deleted?); skipping`);
    return;
  }
  // `evaluating`: training already ended and its evaluation runs. The train entry can come back
  // (its completion was lost while Redis was away, and the stalled check handed it on): never train
  // a finished job again, which also left it `evaluating` forever once the evaluation had ended.
  if (FINAL_STATUSES.includes(job.status) || job.status === "evaluating") return;
  if (await isJobCancelRequested(redis, trainingJobId)) {
    await settleJob(db, redis, trainingJobId, "cancelled");
    return;
  }

  const attempt = job.attempts + 1;
  try {
    // Fenced on the attempt read: of two workers beginning at once, one begins.
    const data = { attempts: attempt, startedAt: job.startedAt ?? new Date(), error: null };
    await setJobStatus(db, redis, trainingJobId, "running", data, { asAttempt: job.attempts });
  } catch (error) {
    if (!(error instanceof FencedError)) throw error;
    console.warn(`[worker] train ${trainingJobId}: another worker began attempt ${attempt} first; leaving it the job`);
    return;
  }

  const recorder = new JobRecorder(db, redis, trainingJobId, attempt);
  const progress = { phase: "preparing" as Phase };
  try {
    await runAttempt(context, job, attempt, recorder, progress, bullJob, token);
  } catch (error) {
    if (error instanceof DelayedError) throw error;
    await recorder.close(10_000).catch(() => undefined);
    if (error instanceof FencedError || recorder.fenced) {
      console.warn(`[worker] train ${trainingJobId}: attempt ${attempt} was superseded; nothing more is written for it`);
      return;
    }
    const message = `${PHASE_TEXT[progress.phase]}: ${(error as Error).message ?? String(error)}`;
    console.error(`[worker] train ${trainingJobId}: ${message}`);
    // If even this write fails (Postgres away), the queue entry fails and the sweeper takes over.
    await settleJob(db, redis, trainingJobId, "failed", { error: { code: "worker_error", message } }, { asAttempt: attempt }).catch(
      (settleError: unknown) => {
        if (!(settleError instanceof FencedError)) throw settleError;
      },
    );
  }
}

async function runAttempt(
  context: TrainingContext,
  job: JobRow,
  attempt: number,
  recorder: JobRecorder,
  progress: { phase: Phase },
  bullJob?: BullJob,
  token?: string,
) {
  const { db, redis } = context;
  const specPath = await prepareRun(context, job, attempt, recorder);

  progress.phase = "training";
  const gpuId = context.gpuPool.acquire();
  let trainer: RunningTrainer;
  try {
    trainer = await context.runtime.start({ jobId: job.id, attempt, specPath, gpuId, dataDir: context.dataDir });
  } catch (error) {
    context.gpuPool.release(gpuId);
    await recorder.close();
    const message = `The trainer could not be started (${context.runtime.name} runtime): ${(error as Error).message}`;
    await settleJob(db, redis, job.id, "failed", { error: { code: "runtime_unavailable", message } }, { asAttempt: attempt });
    return;
  }

  const output = new TrainerOutput(db, recorder, job.id, job, attempt);
  output.listen(trainer);
  const cancelWatch = watchForCancel({
    redis,
    subscriber: context.subscriber,
    jobId: job.id,
    trainer,
    isShuttingDown: context.isShuttingDown,
    onCancel: () => recorder.recordLog("cancel requested: stopping the trainer at the next step boundary", "worker"),
  });
  // This attempt lost the job: stop its trainer at once (SIGTERM: it checkpoints), never two trainers.
  let lostReason: string | null = null;
  let killTimer: NodeJS.Timeout | undefined;
  const loseJob = (reason: string) => {
    if (lostReason) return;
    lostReason = reason;
    console.error(`[worker] train ${job.id}: attempt ${attempt} ${reason}; stopping its trainer`);
    void trainer.stop();
    killTimer = setTimeout(() => void trainer.kill(), STOP_GRACE_MS);
  };
  recorder.onFenced(() => loseJob("was superseded by a newer attempt on another worker"));
  const unwatchLock = context.lostLocks?.watch(job.id, () => loseJob("lost the job's lock (Redis was away longer than the lock)"));
  const exit = await trainer.exited.finally(() => {
    cancelWatch.dispose();
    unwatchLock?.();
    clearTimeout(killTimer);
    context.gpuPool.release(gpuId);
  });
  // The job cannot be settled without Postgres anyway: wait for it as long as it takes, so that no
  // buffered metric is dropped. A worker killed meanwhile leaves a stalled job, which the next one
  // resumes from the last checkpoint whose steps are all stored.
  await recorder.close(Number.POSITIVE_INFINITY);
  if (recorder.fenced) throw recorder.fenced;
  if (lostReason && !output.completed) {
    // The stalled check hands the job on; the next attempt resumes from the checkpoint just saved.
    console.warn(`[worker] train ${job.id}: attempt ${attempt} stopped without settling; the next attempt resumes it`);
    return;
  }
  progress.phase = "settling";
  await settleTrainingRun(context, { job, attempt, output, isCancelRequested: cancelWatch.isCancelRequested, exit }, bullJob, token);
}

/** Exports the splits and writes the spec into this attempt's folder (resuming from the newest
 * checkpoint of any attempt whose steps are all stored); starts the recorder. Returns the spec's path. */
async function prepareRun(context: TrainingContext, job: JobRow, attempt: number, recorder: JobRecorder): Promise<string> {
  const jobDir = path.join(context.dataDir, "jobs", job.id);
  const attemptDir = attemptDirectory(jobDir, attempt);
  await mkdir(attemptDir, { recursive: true });
  const splits = await exportTrainingSplits(context.db, job.datasetId, attemptDir);
  const resumeFromCheckpoint = findLatestCheckpoint(jobDir, await lastContiguousStep(context.db, job.id));
  const specPath = await writeTrainerSpec({
    jobId: job.id,
    baseModelPath: job.baseModel.path,
    splits,
    jobDir: attemptDir,
    outputDir: path.join(attemptDir, "out"),
    adapterDir: path.join(context.dataDir, "adapters", job.adapterName),
    promptTemplate: job.promptTemplate,
    labelWords: job.labelWords,
    hyperparameters: job.hyperparameters,
    resumeFromCheckpoint,
    hasGpus: context.gpuPool.hasGpus,
  });
  recorder.start();
  recorder.recordLog(
    `attempt ${attempt}: ${splits.trainRows} train / ${splits.valRows} val rows, ` +
      `${resumeFromCheckpoint ? `resuming from ${describeCheckpoint(jobDir, resumeFromCheckpoint)}` : "starting from scratch"}, runtime ${context.runtime.name}`,
    "worker",
  );
  return specPath;
}

/** "checkpoint-8 (attempt-1)" */
function describeCheckpoint(jobDir: string, checkpoint: string) {
  const folder = path.relative(jobDir, path.dirname(path.dirname(checkpoint)));
  return folder ? `${path.basename(checkpoint)} (${folder})` : path.basename(checkpoint);
}

/** The highest step S such that the metrics of steps 1..S are all stored (0 when none). */
async function lastContiguousStep(db: Db, trainingJobId: string): Promise<number> {
  const rows = await db.jobMetric.findMany({ where: { jobId: trainingJobId }, select: { step: true }, orderBy: { step: "asc" } });
  let last = 0;
  for (const { step } of rows) {
    if (step !== last + 1) break;
    last = step;
  }
  return last;
}
