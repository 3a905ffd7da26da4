// The sweeper: a training job whose row says `queued` or `running` but that no worker holds or will
// take. BullMQ hands a job whose worker died (its lock, renewed every 15 s, is the heartbeat that
// counts) to the next worker; what it cannot see is a row whose queue entry is gone (Redis restarted
// without its append-only file) or ended (a worker that threw after marking the row running). Each
// worker sweeps every minute: such a job is queued again (it resumes from its last checkpoint), or
// failed with `worker_lost` once it has used its attempts, so that no row waits forever and its
// dataset can be deleted.
import type { Queue } from "bullmq";
import type { Db } from "@loraboard/db/server";
import { QueueName } from "@loraboard/queue";
import { appendJobEvent, enqueue, getQueue } from "@loraboard/queue/server";
import { announceJobStatus } from "@loraboard/queue/webhooks";
import type { Redis } from "ioredis";

export const MAX_ATTEMPTS = 3;
/** A queued row younger than this may be between its insert and its enqueue (create-job.ts). */
const QUEUED_GRACE_MS = 120_000;
const HELD_STATES = ["active", "waiting", "delayed", "prioritized", "waiting-children"];

export interface SweepOutcome {
  requeued: string[];
  failed: string[];
}

export async function sweepStuckJobs(db: Db, redis: Redis, queue: Queue = getQueue(QueueName.train)): Promise<SweepOutcome> {
  const outcome: SweepOutcome = { requeued: [], failed: [] };
  const rows = await db.trainingJob.findMany({
    where: { OR: [{ status: "running" }, { status: "queued", createdAt: { lt: new Date(Date.now() - QUEUED_GRACE_MS) } }] },
    select: { id: true, status: true, attempts: true },
  });
  for (const row of rows) {
    const state = await queue.getJobState(row.id);
    if (HELD_STATES.includes(state)) continue;
    // Only if the row is still as read: a worker that took the job meanwhile keeps it.
    const where = { id: row.id, status: row.status, attempts: row.attempts };
    if (row.attempts >= MAX_ATTEMPTS) {
      const error = {
        code: "worker_lost",
        message: `No worker holds this job any more (its queue entry is ${state === "unknown" ? "gone" : state}) and it has used its ${MAX_ATTEMPTS} attempts; retry it to start again.`,
      };
      const finishedAt = new Date();
      if ((await db.trainingJob.updateMany({ where, data: { status: "failed", error, finishedAt, etaSeconds: null } })).count === 0) continue;
      await appendJobEvent(redis, row.id, { type: "status", job: { id: row.id, status: "failed", error, finishedAt: finishedAt.toISOString() } }).catch(() => undefined);
      await announceJobStatus(db, row.id, "failed");
      outcome.failed.push(row.id);
      continue;
    }
    if ((await db.trainingJob.updateMany({ where, data: { status: "queued", etaSeconds: null } })).count === 0) continue;
    // The ended entry keeps the job's id in BullMQ, which would ignore a new one under it.
    await (await queue.getJob(row.id))?.remove().catch(() => undefined);
    await enqueue(QueueName.train, row.id, { trainingJobId: row.id });
    await db.jobLogLine.create({
      data: { jobId: row.id, attempt: row.attempts, stream: "worker", line: "no worker held this job: queued again, it resumes from its last checkpoint" },
    });
    await appendJobEvent(redis, row.id, { type: "status", job: { id: row.id, status: "queued" } }).catch(() => undefined);
    if (row.status !== "queued") await announceJobStatus(db, row.id, "queued");
    outcome.requeued.push(row.id);
  }
  return outcome;
}

/** Sweeps every `intervalMs` until stopped. */
export function startStuckJobSweeper(db: Db, redis: Redis, intervalMs = 60_000) {
  const timer = setInterval(() => {
    void sweepStuckJobs(db, redis)
      .then(({ requeued, failed }) => {
        if (requeued.length) console.log(`[worker] sweeper: queued again ${requeued.join(", ")}`);
        if (failed.length) console.log(`[worker] sweeper: failed ${failed.join(", ")} (no worker held them)`);
      })
      .catch((error: Error) => console.error(`[worker] sweeper: ${error.message}`));
  }, intervalMs);
  return { stop: () => clearInterval(timer) };
}
