// One `train` job: export the splits, write the spec, run the trainer, record what it reports,
// and settle the job's status. The worker owns every status change after `queued` (job-status.ts).
import path from "node:path";
import type { Job as BullJob } from "bullmq";
import type { Redis } from "ioredis";
import type { JobStatus } from "@loraboard/contracts";
import type { Db } from "@loraboard/db/server";
import { isJobCancelRequested } from "@loraboard/queue/server";
import { watchForCancel } from "./cancel-watch";
import { findLatestCheckpoint } from "./checkpoints";
import { exportTrainingSplits } from "./export-splits";
import type { GpuPool } from "./gpu-pool";
import { JobRecorder } from "./job-recorder";
import { FINAL_STATUSES, setJobStatus, settleJob } from "./job-status";
import { settleTrainingRun } from "./settle-training-run";
import { TrainerOutput } from "./trainer-output";
import type { RunningTrainer, TrainerRuntime } from "./trainer-runtime";
import { writeTrainerSpec } from "./trainer-spec";

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
}

type JobRow = NonNullable<Awaited<ReturnType<typeof loadJob>>>;

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
  if (FINAL_STATUSES.includes(job.status)) return;
  if (await isJobCancelRequested(redis, trainingJobId)) {
    await settleJob(db, redis, trainingJobId, "cancelled");
    return;
  }

  const attempt = job.attempts + 1;
  const recorder = new JobRecorder(db, redis, trainingJobId, attempt);
  await setJobStatus(db, redis, trainingJobId, "running", { attempts: attempt, startedAt: job.startedAt ?? new Date(), error: null });
  const specPath = await prepareRun(context, job, attempt, recorder);

  const gpuId = context.gpuPool.acquire();
  let trainer: RunningTrainer;
  try {
    trainer = await context.runtime.start({ jobId: trainingJobId, specPath, gpuId, dataDir: context.dataDir });
  } catch (error) {
    context.gpuPool.release(gpuId);
    await recorder.close();
    const message = `The trainer could not be started (${context.runtime.name} runtime): ${(error as Error).message}`;
    await settleJob(db, redis, trainingJobId, "failed", { error: { code: "runtime_unavailable", message } });
    return;
  }

  const output = new TrainerOutput(db, recorder, trainingJobId, job);
  output.listen(trainer);
  const cancelWatch = watchForCancel({
    redis,
    subscriber: context.subscriber,
    jobId: trainingJobId,
    trainer,
    isShuttingDown: context.isShuttingDown,
    onCancel: () => recorder.recordLog("cancel requested: stopping the trainer at the next step boundary", "worker"),
  });
  const exit = await trainer.exited.finally(() => {
    cancelWatch.dispose();
    context.gpuPool.release(gpuId);
  });
  // The job cannot be settled without Postgres anyway: wait for it as long as it takes, so that no
  // buffered metric is dropped. A worker killed meanwhile leaves a stalled job, which the next one
  // resumes from the last checkpoint whose steps are all stored.
  await recorder.close(Number.POSITIVE_INFINITY);
  await settleTrainingRun(context, { job, attempt, output, isCancelRequested: cancelWatch.isCancelRequested, exit }, bullJob, token);
}

/** Exports the splits and writes the spec (resuming from the last checkpoint whose steps are all
 * stored); starts the recorder. Returns the spec's path. */
async function prepareRun(context: TrainingContext, job: JobRow, attempt: number, recorder: JobRecorder): Promise<string> {
  const jobDir = path.join(context.dataDir, "jobs", job.id);
  const outputDir = path.join(jobDir, "out");
  const splits = await exportTrainingSplits(context.db, job.datasetId, jobDir);
  const resumeFromCheckpoint = findLatestCheckpoint(outputDir, await lastContiguousStep(context.db, job.id));
  const specPath = await writeTrainerSpec({
    jobId: job.id,
    baseModelPath: job.baseModel.path,
    splits,
    jobDir,
    outputDir,
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
      `${resumeFromCheckpoint ? `resuming from ${path.basename(resumeFromCheckpoint)}` : "starting from scratch"}, runtime ${context.runtime.name}`,
    "worker",
  );
  return specPath;
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
