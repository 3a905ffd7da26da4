// The one place that changes a training job's status after `queued`: the row first, then the live
// event and the owner's webhooks. Settling (a terminal status) goes through here too. With `asAttempt` the change is fenced
// (attempt-fence.ts): it lands only while the row is still at that attempt, else FencedError.
import type { Redis } from "ioredis";
import type { JobStatus } from "@loraboard/contracts";
import type { Db, Prisma } from "@loraboard/db/server";
import { appendJobEvent } from "@loraboard/queue/server";
import { announceJobStatus } from "@loraboard/queue/webhooks";
import { updateJobAsAttempt } from "./attempt-fence";

export const FINAL_STATUSES: JobStatus[] = ["succeeded", "failed", "cancelled"];

const LIVE_FIELDS = ["progress", "currentStep", "totalSteps", "etaSeconds", "error", "finishedAt", "startedAt", "attempts"];

export interface StatusOptions {
  /** Change the row only while `attempts` equals this (the caller's attempt). */
  asAttempt?: number;
}

export async function setJobStatus(
  db: Db,
  redis: Redis,
  jobId: string,
  status: JobStatus,
  data: Record<string, unknown> = {},
  options: StatusOptions = {},
) {
  if (options.asAttempt === undefined) await db.trainingJob.update({ where: { id: jobId }, data: { status, ...data } });
  else await updateJobAsAttempt(db, jobId, options.asAttempt, { status, ...data } as Prisma.TrainingJobUpdateManyMutationInput);
  await appendJobEvent(redis, jobId, { type: "status", job: { id: jobId, status, ...serializable(data) } }).catch(() => undefined);
  await announceJobStatus(db, jobId, status);
}

/** Ends the job in a terminal status (stamping finishedAt), with the error when it failed. */
export function settleJob(
  db: Db,
  redis: Redis,
  jobId: string,
  status: Extract<JobStatus, "failed" | "cancelled" | "succeeded">,
  data: Record<string, unknown> = {},
  options: StatusOptions = {},
) {
  return setJobStatus(db, redis, jobId, status, { finishedAt: new Date(), etaSeconds: null, ...data }, options);
}

function serializable(data: Record<string, unknown>) {
  return Object.fromEntries(
    Object.entries(data)
      .filter(([key]) => LIVE_FIELDS.includes(key))
      .map(([key, value]) => [key, value instanceof Date ? value.toISOString() : value]),
  );
}
