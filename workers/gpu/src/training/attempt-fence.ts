// Fencing by attempt number. When a worker loses a job's lock (Redis away longer than the lock), the
// stalled check hands the job to another worker, which starts attempt n+1 while attempt n may still
// be running. Every write of an attempt is conditioned on the row still being at that attempt: the
// old one's writes are refused, and a refusal tells it to stop its trainer.
import type { Prisma } from "@loraboard/db/server";
import type { Db } from "@loraboard/db/server";

export class FencedError extends Error {
  constructor(jobId: string, attempt: number) {
    super(`attempt ${attempt} of job ${jobId} is no longer the current one: another worker took the job`);
    this.name = "FencedError";
  }
}

type Tx = Pick<Db, "$queryRaw">;

/**
 * Locks the job's row for this transaction if it is still at `attempt`, else throws FencedError. A
 * new attempt's `attempts` increment waits for the lock, so no write of the old one lands after it.
 */
export async function holdAttempt(tx: Tx, jobId: string, attempt: number): Promise<void> {
  const rows = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM training_jobs WHERE id = ${jobId} AND attempts = ${attempt} FOR UPDATE`;
  if (rows.length === 0) throw new FencedError(jobId, attempt);
}

/** Updates the job row only while it is at `attempt`; throws FencedError otherwise. */
export async function updateJobAsAttempt(db: Db, jobId: string, attempt: number, data: Prisma.TrainingJobUpdateManyMutationInput) {
  const updated = await db.trainingJob.updateMany({ where: { id: jobId, attempts: attempt }, data });
  if (updated.count === 0) throw new FencedError(jobId, attempt);
}
