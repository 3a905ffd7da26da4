// Trainers nobody owns any more. A container keeps training after the worker that started it is
// killed; left alone it holds its GPU until it finishes, even when its job was cancelled or another
// worker resumed it. Each worker stops such strays when it starts, and every worker stops the
// cancelled job's containers that are not its own (the owner, if alive, stops its own gracefully).
import type { Redis } from "ioredis";
import type { Db } from "@loraboard/db/server";
import { WORKER_HEARTBEAT_PREFIX } from "@loraboard/queue";
import { isJobCancelRequested } from "@loraboard/queue/server";
import type { LabelledTrainer, TrainerRuntime } from "./trainer-runtime";

interface StrayContext {
  db: Db;
  redis: Redis;
  runtime: TrainerRuntime;
  /** This worker's id (WORKER_ID), as its containers are labelled. */
  workerId: string;
}

/**
 * At start: a trainer is wanted only while its job is `running` that very attempt, not cancelled,
 * and its worker is another live one (heartbeat present). Ours are left over from before a restart.
 */
export async function stopStraysOnStart({ db, redis, runtime, workerId }: StrayContext): Promise<LabelledTrainer[]> {
  if (!runtime.stopStrays) return [];
  return runtime.stopStrays(async (trainer) => {
    if (trainer.workerId === workerId) return false;
    const job = await db.trainingJob.findUnique({ where: { id: trainer.jobId }, select: { status: true, attempts: true } });
    if (job?.status !== "running" || job.attempts !== trainer.attempt) return false;
    if (await isJobCancelRequested(redis, trainer.jobId)) return false;
    return (await redis.exists(`${WORKER_HEARTBEAT_PREFIX}${trainer.workerId}`)) === 1;
  });
}

/** On a cancel request: the job's trainers started by other workers (dead or alive) are stopped. */
export async function stopStraysOnCancel({ runtime, workerId }: Pick<StrayContext, "runtime" | "workerId">, jobId: string) {
  if (!runtime.stopStrays) return [];
  return runtime.stopStrays(async (trainer) => trainer.jobId !== jobId || trainer.workerId === workerId);
}
