// Reads what a running trainer prints: stdout events (docs/trainer-protocol.md, checked with the
// generated schema) become metrics, progress and log lines; stderr lines are the job's log. Keeps
// what settling the job needs: the total steps, the final event, the last stderr lines.
import { TrainerEvent } from "@loraboard/contracts";
import type { Db } from "@loraboard/db/server";
import type { JobRecorder } from "./job-recorder";
import type { RunningTrainer } from "./trainer-runtime";

type Completed = Extract<TrainerEvent, { event: "completed" }>;
type Failed = Extract<TrainerEvent, { event: "failed" }>;

export class TrainerOutput {
  totalSteps: number | null;
  completed: Completed | null = null;
  failed: Failed | null = null;
  readonly lastStderr: string[] = [];

  constructor(
    private readonly db: Db,
    private readonly recorder: JobRecorder,
    private readonly jobId: string,
    private readonly job: { currentStep: number; totalSteps: number | null },
    /** Writes to the job row are fenced by it (attempt-fence.ts). */
    private readonly attempt: number,
  ) {
    this.totalSteps = job.totalSteps;
  }

  listen(trainer: RunningTrainer) {
    trainer.onStderrLine((line) => this.onStderr(line));
    trainer.onStdoutLine((line) => this.onStdout(line));
  }

  private onStderr(line: string) {
    if (!line.trim()) return;
    this.recorder.recordLog(line);
    this.lastStderr.push(line);
    if (this.lastStderr.length > 20) this.lastStderr.shift();
  }

  private onStdout(line: string) {
    if (!line.trim()) return;
    let parsed: unknown;
    try {
      parsed = JSON.parse(line);
    } catch {
      this.recorder.recordLog(line, "stdout");
      return;
    }
    const result = TrainerEvent.safeParse(parsed);
    if (!result.success) {
      this.recorder.recordLog(`unrecognised trainer event: ${line}`, "worker");
      return;
    }
    this.onEvent(result.data);
  }

  private onEvent(event: TrainerEvent) {
    const { recorder, jobId } = this;
    switch (event.event) {
      case "started":
        this.totalSteps = event.totalSteps;
        recorder.recordProgress({ currentStep: this.job.currentStep, totalSteps: this.totalSteps, etaSeconds: null });
        recorder.recordLog(
          `training on ${event.device} (${event.dtype}${event.autocast ? `, ${event.autocast} products` : ""}): ` +
            `${event.trainSamples} samples, ${event.totalSteps} steps, ` +
            `${event.trainableParams.toLocaleString("en")} trainable of ${event.totalParams.toLocaleString("en")} parameters`,
          "worker",
        );
        recorder.publish({ type: "status", job: { id: jobId, status: "running", totalSteps: this.totalSteps } });
        break;
      case "log":
        this.onLog(event);
        break;
      case "eval":
        recorder.recordMetric({
          step: event.step,
          epoch: event.epoch,
          evalLoss: event.eval_loss,
          // From the label words' logits; absent from a trainer without them.
          ...(event.eval_accuracy !== undefined ? { evalAccuracy: event.eval_accuracy } : {}),
          ...(event.eval_macro_f1 !== undefined ? { evalMacroF1: event.eval_macro_f1 } : {}),
        });
        break;
      case "checkpoint":
        // Store the steps up to the checkpoint now: a resume never starts after unstored steps.
        void recorder.flush().catch(() => undefined);
        void this.db.trainingJob
          .updateMany({ where: { id: jobId, attempts: this.attempt }, data: { lastCheckpoint: event.path } })
          .catch(() => undefined); // the directory scan finds it anyway
        break;
      case "completed":
        this.completed = event;
        break;
      case "failed":
        this.failed = event;
        break;
    }
  }

  private onLog(event: Extract<TrainerEvent, { event: "log" }>) {
    const { recorder, totalSteps } = this;
    // The protocol's snake_case fields, as the API's metric points name them.
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
        id: this.jobId,
        status: "running",
        currentStep: event.step,
        totalSteps,
        etaSeconds: event.eta_seconds,
        progress: totalSteps ? Math.min(1, event.step / totalSteps) : 0,
      },
    });
  }
}
