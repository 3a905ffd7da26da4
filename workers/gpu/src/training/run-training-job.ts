// One `train` job: export the splits, write the spec, run the trainer, record what it reports,
// and settle the job's status. The worker owns every status change after `queued`.
import { writeFile } from "node:fs/promises";
import { constants as osConstants } from "node:os";
import path from "node:path";
import { DelayedError, type Job as BullJob } from "bullmq";
import type { Redis } from "ioredis";
import { Hyperparameters, TrainerEvent, TrainerSpec, type JobStatus } from "@loraboard/contracts";
import type { Db } from "@loraboard/db/server";
import { JOB_CONTROL_CHANNEL, appendJobEvent, isJobCancelRequested } from "@loraboard/queue/server";
import { findLatestCheckpoint, keepLastCheckpoint } from "./checkpoints";
import { exportTrainingSplits } from "./export-splits";
import type { GpuPool } from "./gpu-pool";
import { gpuTrainingOptions } from "./gpu-speed";
import { JobRecorder } from "./job-recorder";
import type { TrainerRuntime } from "./trainer-runtime";

const FINAL_STATUSES: JobStatus[] = ["succeeded", "failed", "cancelled"];
const STOP_GRACE_MS = 60_000;
const CANCEL_POLL_MS = 3_000;

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

export async function runTrainingJob(context: TrainingContext, trainingJobId: string, bullJob?: BullJob, token?: string) {
  const { db, redis } = context;
  const job = await db.trainingJob.findUnique({ where: { id: trainingJobId }, include: { baseModel: true } });
  if (!job) {
    console.warn(`[worker] train ${trainingJobId}: no such job row (deleted?); skipping`);
    return;
  }
  if (FINAL_STATUSES.includes(job.status)) return;

  const setStatus = async (status: JobStatus, data: Record<string, unknown> = {}) => {
    await db.trainingJob.update({ where: { id: trainingJobId }, data: { status, ...data } });
    await appendJobEvent(redis, trainingJobId, { type: "status", job: { id: trainingJobId, status, ...serializable(data) } }).catch(() => undefined);
  };

  if (await isJobCancelRequested(redis, trainingJobId)) {
    await setStatus("cancelled", { finishedAt: new Date(), etaSeconds: null });
    return;
  }

  const attempt = job.attempts + 1;
  const jobDir = path.join(context.dataDir, "jobs", trainingJobId);
  const outputDir = path.join(jobDir, "out");
  const recorder = new JobRecorder(db, redis, trainingJobId, attempt);
  await setStatus("running", { attempts: attempt, startedAt: job.startedAt ?? new Date(), error: null });

  const splits = await exportTrainingSplits(db, job.datasetId, jobDir);
  const hyperparameters = Hyperparameters.parse(job.hyperparameters);
  const resumeFromCheckpoint = findLatestCheckpoint(jobDir, await lastContiguousStep(db, trainingJobId));
  const spec = TrainerSpec.parse({
    jobId: trainingJobId,
    baseModelPath: job.baseModel.path,
    train: splits.train,
    val: splits.val,
    outputDir,
    adapterDir: path.join(context.dataDir, "adapters", job.adapterName),
    promptTemplate: job.promptTemplate,
    labelWords: job.labelWords,
    lora: {
      r: hyperparameters.loraR,
      alpha: hyperparameters.loraAlpha,
      dropout: hyperparameters.loraDropout,
      targetModules: hyperparameters.targetModules,
    },
    training: {
      learningRate: hyperparameters.learningRate,
      epochs: hyperparameters.epochs,
      batchSize: hyperparameters.batchSize,
      gradientAccumulationSteps: hyperparameters.gradientAccumulationSteps,
      maxLength: hyperparameters.maxLength,
      evalSteps: hyperparameters.evalSteps,
      loggingSteps: 1,
      seed: hyperparameters.seed,
      earlyStoppingPatience: null,
      quantization: null,
      ...(context.gpuPool.hasGpus ? gpuTrainingOptions(hyperparameters, splits.trainRows) : {}),
    },
    resumeFromCheckpoint,
  });
  const specPath = path.join(jobDir, "spec.json");
  await writeFile(specPath, JSON.stringify(spec, null, 2));
  recorder.start();
  recorder.recordLog(
    `attempt ${attempt}: ${splits.trainRows} train / ${splits.valRows} val rows, ` +
      `${resumeFromCheckpoint ? `resuming from ${path.basename(resumeFromCheckpoint)}` : "starting from scratch"}, runtime ${context.runtime.name}`,
    "worker",
  );

  const gpuId = context.gpuPool.acquire();
  let totalSteps: number | null = job.totalSteps;
  let completed: Extract<TrainerEvent, { event: "completed" }> | null = null;
  let failed: Extract<TrainerEvent, { event: "failed" }> | null = null;
  let isCancelRequested = false;
  const lastStderr: string[] = [];

  let trainer: Awaited<ReturnType<TrainerRuntime["start"]>>;
  try {
    trainer = await context.runtime.start({ jobId: trainingJobId, attempt, specPath, gpuId, dataDir: context.dataDir });
  } catch (error) {
    context.gpuPool.release(gpuId);
    await recorder.close();
    const message = `The trainer could not be started (${context.runtime.name} runtime): ${(error as Error).message}`;
    await setStatus("failed", { finishedAt: new Date(), etaSeconds: null, error: { code: "runtime_unavailable", message } });
    return;
  }

  // Cancellation: react at once to the pub/sub message, and poll the request key in case a
  // message was missed while Redis was unreachable.
  let killTimer: NodeJS.Timeout | undefined;
  const stopTrainer = () => {
    void trainer.stop();
    killTimer ??= setTimeout(() => void trainer.kill(), STOP_GRACE_MS);
  };
  const onControl = (channel: string, message: string) => {
    if (channel !== JOB_CONTROL_CHANNEL) return;
    try {
      if ((JSON.parse(message) as { trainingJobId?: string }).trainingJobId !== trainingJobId) return;
    } catch {
      return;
    }
    isCancelRequested = true;
    recorder.recordLog("cancel requested: stopping the trainer at the next step boundary", "worker");
    stopTrainer();
  };
  context.subscriber.on("message", onControl);
  const cancelPoll = setInterval(() => {
    if (context.isShuttingDown()) stopTrainer();
    void isJobCancelRequested(redis, trainingJobId)
      .then((isRequested) => {
        if (isRequested && !isCancelRequested) onControl(JOB_CONTROL_CHANNEL, JSON.stringify({ trainingJobId }));
      })
      .catch(() => undefined);
  }, CANCEL_POLL_MS);

  trainer.onStderrLine((line) => {
    if (!line.trim()) return;
    recorder.recordLog(line);
    lastStderr.push(line);
    if (lastStderr.length > 20) lastStderr.shift();
  });
  trainer.onStdoutLine((line) => {
    if (!line.trim()) return;
    let parsed: unknown;
    try {
      parsed = JSON.parse(line);
    } catch {
      recorder.recordLog(line, "stdout");
      return;
    }
    const result = TrainerEvent.safeParse(parsed);
    if (!result.success) {
      recorder.recordLog(`unrecognised trainer event: ${line}`, "worker");
      return;
    }
    const event = result.data;
    switch (event.event) {
      case "started":
        totalSteps = event.totalSteps;
        recorder.recordProgress({ currentStep: job.currentStep, totalSteps, etaSeconds: null });
        recorder.recordLog(
          `training on ${event.device} (${event.dtype}): ${event.trainSamples} samples, ${event.totalSteps} steps, ` +
            `${event.trainableParams.toLocaleString("en")} trainable of ${event.totalParams.toLocaleString("en")} parameters`,
          "worker",
        );
        recorder.publish({ type: "status", job: { id: trainingJobId, status: "running", totalSteps } });
        break;
      case "log":
        recorder.recordMetric({
          step: event.step,
          epoch: event.epoch,
          loss: event.loss,
          gradNorm: event.grad_norm,
          learningRate: event.learning_rate,
          samplesPerSecond: event.samples_per_second,
          tokensPerSecond: event.tokens_per_second,
        });
        recorder.recordProgress({ currentStep: event.step, totalSteps, etaSeconds: event.eta_seconds });
        recorder.publish({
          type: "status",
          job: {
            id: trainingJobId,
            status: "running",
            currentStep: event.step,
            totalSteps,
            etaSeconds: event.eta_seconds,
            progress: totalSteps ? Math.min(1, event.step / totalSteps) : 0,
          },
        });
        break;
      case "eval":
        recorder.recordMetric({ step: event.step, epoch: event.epoch, evalLoss: event.eval_loss });
        break;
      case "checkpoint":
        // Store the steps up to the checkpoint now: a resume never starts after unstored steps.
        void recorder.flush().catch(() => undefined);
        void db.trainingJob
          .update({ where: { id: trainingJobId }, data: { lastCheckpoint: event.path } })
          .catch(() => undefined); // the directory scan finds it anyway
        break;
      case "completed":
        completed = event;
        break;
      case "failed":
        failed = event;
        break;
    }
  });

  const exit = await trainer.exited.finally(() => {
    clearInterval(cancelPoll);
    clearTimeout(killTimer);
    context.subscriber.off("message", onControl);
    context.gpuPool.release(gpuId);
  });
  // The job cannot be settled without Postgres anyway: wait for it as long as it takes, so that no
  // buffered metric is dropped. A worker killed meanwhile leaves a stalled job, which the next one
  // resumes from the last checkpoint whose steps are all stored.
  await recorder.close(Number.POSITIVE_INFINITY);

  const finished = { finishedAt: new Date(), etaSeconds: null };
  const completedEvent = completed as Extract<TrainerEvent, { event: "completed" }> | null;
  const failedEvent = failed as Extract<TrainerEvent, { event: "failed" }> | null;
  if (completedEvent && exit.code === 0) {
    await db.$transaction([
      db.adapter.upsert({
        where: { jobId: trainingJobId },
        create: { name: job.adapterName, jobId: trainingJobId, baseModelId: job.baseModelId, path: completedEvent.adapterDir },
        update: { path: completedEvent.adapterDir },
      }),
      db.trainingJob.update({
        where: { id: trainingJobId },
        data: { progress: 1, currentStep: completedEvent.steps, totalSteps: totalSteps ?? completedEvent.steps },
      }),
    ]);
    await keepLastCheckpoint(jobDir).catch((error: Error) => console.warn(`[worker] train ${trainingJobId}: old checkpoints not removed: ${error.message}`));
    const nextStatus = (await context.onSucceeded?.(trainingJobId)) ?? "succeeded";
    await setStatus(nextStatus, nextStatus === "succeeded" ? { ...finished, progress: 1 } : { etaSeconds: null, progress: 1 });
    return;
  }
  if (isCancelRequested) {
    await setStatus("cancelled", finished);
    return;
  }
  if (context.isShuttingDown() && bullJob && token) {
    // This worker is stopping: the trainer saved a checkpoint; put the job back so that the next
    // worker resumes it from there.
    await db.jobLogLine.create({
      data: { jobId: trainingJobId, attempt, stream: "worker", line: "worker stopping: the job goes back to the queue and resumes from its checkpoint" },
    });
    await setStatus("queued");
    await bullJob.moveToDelayed(Date.now() + 1000, token);
    throw new DelayedError();
  }
  const error = failedEvent
    ? { code: failedEvent.code, message: failedEvent.error }
    : describeCrash(exit.code, exit.signal, lastStderr);
  await setStatus("failed", { ...finished, error });
}

function describeCrash(code: number, signal: string | null, lastStderr: string[]) {
  const lastLine = [...lastStderr].reverse().find((line) => line.trim()) ?? "no output";
  // A container reports only its exit code; 128 + N means it died of signal N.
  const signalName = signal ?? (code > 128 ? signalNameOf(code - 128) : null);
  if (signalName === "SIGKILL") {
    return {
      code: "trainer_killed",
      message:
        "The trainer was killed (SIGKILL), most often by the out-of-memory killer: lower the batch size or max length. " +
        `Last output: ${lastLine}`,
    };
  }
  if (signalName) {
    return {
      code: "trainer_crashed",
      message: `The trainer died of signal ${signalName} (exit code ${code}) without reporting why. Last output: ${lastLine}`,
    };
  }
  return { code: "trainer_crashed", message: `The trainer exited with code ${code} without reporting why. Last output: ${lastLine}` };
}

function signalNameOf(signalNumber: number): string | null {
  return Object.entries(osConstants.signals).find(([, number]) => number === signalNumber)?.[0] ?? null;
}

function serializable(data: Record<string, unknown>) {
  return Object.fromEntries(
    Object.entries(data)
      .filter(([key]) => ["progress", "currentStep", "totalSteps", "etaSeconds", "error", "finishedAt", "startedAt", "attempts"].includes(key))
      .map(([key, value]) => [key, value instanceof Date ? value.toISOString() : value]),
  );
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
