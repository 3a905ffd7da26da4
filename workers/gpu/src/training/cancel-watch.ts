// Stops a running trainer when its job is cancelled or the worker shuts down: at once on the
// pub/sub message, and by polling the request key in case a message was missed while Redis was
// unreachable. SIGTERM first (the trainer checkpoints), SIGKILL after a grace period.
import type { Redis } from "ioredis";
import { JOB_CONTROL_CHANNEL, isJobCancelRequested } from "@loraboard/queue/server";
import type { RunningTrainer } from "./trainer-runtime";

const STOP_GRACE_MS = 60_000;
const CANCEL_POLL_MS = 3_000;

export interface CancelWatch {
  /** True once a cancel request for this job arrived. */
  readonly isCancelRequested: boolean;
  dispose(): void;
}

export function watchForCancel(options: {
  redis: Redis;
  subscriber: Redis;
  jobId: string;
  trainer: RunningTrainer;
  isShuttingDown: () => boolean;
  onCancel: () => void;
}): CancelWatch {
  const { redis, subscriber, jobId, trainer } = options;
  let isCancelRequested = false;
  let killTimer: NodeJS.Timeout | undefined;
  const stopTrainer = () => {
    void trainer.stop();
    killTimer ??= setTimeout(() => void trainer.kill(), STOP_GRACE_MS);
  };
  const cancel = () => {
    isCancelRequested = true;
    options.onCancel();
    stopTrainer();
  };
  const onControl = (channel: string, message: string) => {
    if (channel !== JOB_CONTROL_CHANNEL) return;
    try {
      if ((JSON.parse(message) as { trainingJobId?: string }).trainingJobId !== jobId) return;
    } catch {
      return;
    }
    cancel();
  };
  subscriber.on("message", onControl);
  const cancelPoll = setInterval(() => {
    if (options.isShuttingDown()) stopTrainer();
    void isJobCancelRequested(redis, jobId)
      .then((isRequested) => {
        if (isRequested && !isCancelRequested) cancel();
      })
      .catch(() => undefined);
  }, CANCEL_POLL_MS);
  return {
    get isCancelRequested() {
      return isCancelRequested;
    },
    dispose() {
      clearInterval(cancelPoll);
      clearTimeout(killTimer);
      subscriber.off("message", onControl);
    },
  };
}
