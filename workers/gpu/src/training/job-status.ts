// The one place that changes a training job's status after `queued`: the row first, then the live
// event. Settling (a terminal status) goes through here too, so fencing and sweeping (issue 16
// items 7 and 8) have one function to guard.
import type { Redis } from "ioredis";
import type { JobStatus } from "@loraboard/contracts";
import type { Db } from "@loraboard/db/server";
import { appendJobEvent } from "@loraboard/queue/server";

export const FINAL_STATUSES: JobStatus[] = ["succeeded", "failed", "cancelled"];

const LIVE_FIELDS = ["progress", "currentStep", "totalSteps", "etaSeconds", "error", "finishedAt", "startedAt", "attempts"];

export async function setJobStatus(db: Db, redis: Redis, jobId: string, status: JobStatus, data: Record<string, unknown> = {}) {
  await db.trainingJob.update({ where: { id: jobId }, data: { status, ...data } });
  await appendJobEvent(redis, jobId, { type: "status", job: { id: jobId, status, ...serializable(data) } }).catch(() => undefined);
}

/** Ends the job in a terminal status (stamping finishedAt), with the error when it failed. */
export function settleJob(
  db: Db,
  redis: Redis,
  jobId: string,
  status: Extract<JobStatus, "failed" | "cancelled" | "succeeded">,
  data: Record<string, unknown> = {},
) {
  return setJobStatus(db, redis, jobId, status, { finishedAt: new Date(), etaSeconds: null, ...data });
}

function serializable(data: Record<string, unknown>) {
  return Object.fromEntries(
    Object.entries(data)
      .filter(([key]) => LIVE_FIELDS.includes(key))
      .map(([key, value]) => [key, value instanceof Date ? value.toISOString() : value]),
  );
}
