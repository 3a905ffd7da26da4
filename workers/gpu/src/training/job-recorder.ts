// Records what a running trainer reports: metrics (idempotent on job and step), log lines, and
// progress, batched into Postgres once a second and published live through the job's Redis
// Stream. When Postgres is unreachable the batches stay buffered and are written when it returns:
// no metric is lost, none is counted twice. Every batch is fenced by attempt (attempt-fence.ts): once
// another worker has started a newer attempt, this one's batches are refused and `onFenced` fires.
import type { Redis } from "ioredis";
import type { JobLiveEvent, JobMetricPoint } from "@loraboard/contracts";
import type { Db } from "@loraboard/db/server";
import { appendJobEvent } from "@loraboard/queue/server";
import { FencedError, holdAttempt } from "./attempt-fence";

const FLUSH_INTERVAL_MS = 1000;
const MAX_LOG_LINE = 4000;

interface MetricUpdate {
  step: number;
  epoch?: number | null;
  loss?: number | null;
  gradNorm?: number | null;
  learningRate?: number | null;
  evalLoss?: number | null;
  evalAccuracy?: number | null;
  evalMacroF1?: number | null;
  samplesPerSecond?: number | null;
  tokensPerSecond?: number | null;
}

export interface Progress {
  currentStep: number;
  totalSteps: number | null;
  etaSeconds: number | null;
}

export class JobRecorder {
  private metrics = new Map<number, MetricUpdate>();
  private logLines: { line: string; stream: string; createdAt: Date }[] = [];
  private progress: Progress | null = null;
  private timer: NodeJS.Timeout | null = null;
  private flushing: Promise<void> | null = null;
  private lastError: string | null = null;
  private fencedListeners: ((error: FencedError) => void)[] = [];
  /** Set once a newer attempt took the job: nothing more is written. */
  fenced: FencedError | null = null;

  constructor(
    private readonly db: Db,
    private readonly redis: Redis,
    private readonly jobId: string,
    private readonly attempt: number,
  ) {}

  onFenced(listener: (error: FencedError) => void) {
    this.fencedListeners.push(listener);
  }

  start() {
    this.timer = setInterval(() => void this.flush().catch(() => undefined), FLUSH_INTERVAL_MS);
  }

  recordMetric(update: MetricUpdate) {
    const merged = { ...this.metrics.get(update.step), ...update };
    this.metrics.set(update.step, merged);
    const point: JobMetricPoint = {
      step: merged.step,
      epoch: merged.epoch ?? null,
      loss: merged.loss ?? null,
      gradNorm: merged.gradNorm ?? null,
      learningRate: merged.learningRate ?? null,
      ...(merged.evalLoss !== undefined ? { evalLoss: merged.evalLoss } : {}),
      ...(merged.evalAccuracy !== undefined ? { evalAccuracy: merged.evalAccuracy } : {}),
      ...(merged.evalMacroF1 !== undefined ? { evalMacroF1: merged.evalMacroF1 } : {}),
    };
    this.publish({ type: "metric", metric: point });
  }

  recordLog(line: string, stream = "stderr") {
    const trimmed = line.length > MAX_LOG_LINE ? `${line.slice(0, MAX_LOG_LINE)}…` : line;
    const createdAt = new Date();
    this.logLines.push({ line: trimmed, stream, createdAt });
    this.publish({ type: "log", line: { id: "", stream, line: trimmed, createdAt: createdAt.toISOString() } });
  }

  recordProgress(progress: Progress) {
    this.progress = progress;
  }

  publish(event: JobLiveEvent) {
    appendJobEvent(this.redis, this.jobId, event).catch(() => undefined); // live view only
  }

  /** Writes everything buffered; on failure keeps it for the next attempt and rethrows. */
  async flush(): Promise<void> {
    if (this.flushing) return this.flushing;
    this.flushing = this.writeBuffered().finally(() => {
      this.flushing = null;
    });
    return this.flushing;
  }

  /** Stops the timer and flushes until everything is written (Postgres may be restarting), for up to `timeoutMs`. */
  async close(timeoutMs = 120_000) {
    if (this.timer) clearInterval(this.timer);
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      try {
        await this.flush();
        if (this.metrics.size === 0 && this.logLines.length === 0) return;
      } catch (error) {
        if (error instanceof FencedError) return; // what is left belongs to no current attempt
        if (Date.now() > deadline) throw error;
        await new Promise((resolve) => setTimeout(resolve, 1000));
      }
    }
  }

  private async writeBuffered() {
    if (this.fenced) {
      this.metrics = new Map();
      this.logLines = [];
      this.progress = null;
      throw this.fenced;
    }
    const metrics = [...this.metrics.values()];
    const logLines = this.logLines;
    const progress = this.progress;
    if (metrics.length === 0 && logLines.length === 0 && !progress) return;
    this.metrics = new Map();
    this.logLines = [];
    this.progress = null;
    try {
      await this.db.$transaction(async (tx) => {
        await holdAttempt(tx, this.jobId, this.attempt);
        if (metrics.length) await this.upsertMetrics(tx, metrics);
        if (logLines.length) {
          await tx.jobLogLine.createMany({ data: logLines.map((l) => ({ ...l, jobId: this.jobId, attempt: this.attempt })) });
        }
        if (progress) {
          await tx.trainingJob.update({
            where: { id: this.jobId },
            data: {
              currentStep: progress.currentStep,
              totalSteps: progress.totalSteps,
              etaSeconds: progress.etaSeconds,
              progress: progress.totalSteps ? Math.min(1, progress.currentStep / progress.totalSteps) : 0,
            },
          });
        }
      });
      if (this.lastError) console.log(`[worker] job ${this.jobId}: Postgres is back; buffered metrics written`);
      this.lastError = null;
    } catch (error) {
      if (error instanceof FencedError) {
        this.fenced = error;
        console.error(`[worker] job ${this.jobId}: ${error.message}; its batches are dropped`);
        for (const listener of this.fencedListeners) listener(error);
        throw error;
      }
      // Put the batch back in front of anything recorded meanwhile (newer values win per step).
      for (const metric of metrics) this.metrics.set(metric.step, { ...metric, ...this.metrics.get(metric.step) });
      this.logLines = [...logLines, ...this.logLines];
      this.progress ??= progress;
      // A refused connection is an AggregateError with an empty message: name its code instead.
      const message = (error as Error).message?.split("\n")[0] || (error as { code?: string }).code || (error as Error).name || "unknown error";
      if (message !== this.lastError) console.error(`[worker] job ${this.jobId}: buffering metrics, Postgres write failed: ${message}`);
      this.lastError = message;
      throw error;
    }
  }

  private upsertMetrics(tx: Pick<Db, "$executeRaw">, metrics: MetricUpdate[]) {
    const column = <K extends keyof MetricUpdate>(key: K) => metrics.map((m) => m[key] ?? null);
    // One statement for the batch; a replayed step updates its row and keeps values it already had.
    return tx.$executeRaw`
      INSERT INTO job_metrics ("jobId", step, epoch, loss, "gradNorm", "learningRate", "evalLoss", "evalAccuracy", "evalMacroF1", "samplesPerSecond", "tokensPerSecond")
      SELECT ${this.jobId}, * FROM unnest(
        ${column("step")}::int[], ${column("epoch")}::float8[], ${column("loss")}::float8[], ${column("gradNorm")}::float8[],
        ${column("learningRate")}::float8[], ${column("evalLoss")}::float8[], ${column("evalAccuracy")}::float8[],
        ${column("evalMacroF1")}::float8[], ${column("samplesPerSecond")}::float8[],
        ${column("tokensPerSecond")}::float8[])
      ON CONFLICT ("jobId", step) DO UPDATE SET
        epoch = COALESCE(EXCLUDED.epoch, job_metrics.epoch),
        loss = COALESCE(EXCLUDED.loss, job_metrics.loss),
        "gradNorm" = COALESCE(EXCLUDED."gradNorm", job_metrics."gradNorm"),
        "learningRate" = COALESCE(EXCLUDED."learningRate", job_metrics."learningRate"),
        "evalLoss" = COALESCE(EXCLUDED."evalLoss", job_metrics."evalLoss"),
        "evalAccuracy" = COALESCE(EXCLUDED."evalAccuracy", job_metrics."evalAccuracy"),
        "evalMacroF1" = COALESCE(EXCLUDED."evalMacroF1", job_metrics."evalMacroF1"),
        "samplesPerSecond" = COALESCE(EXCLUDED."samplesPerSecond", job_metrics."samplesPerSecond"),
        "tokensPerSecond" = COALESCE(EXCLUDED."tokensPerSecond", job_metrics."tokensPerSecond")`;
  }
}
