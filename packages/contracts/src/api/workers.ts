import { z } from "zod";

/** A live worker (its heartbeat has not expired): what the new-job form needs to say where a job trains. */
export const WorkerInfo = z.object({
  id: z.string(),
  /** GPUs it trains on; 0 in CPU mode. A job it takes runs the GPU recipe when this is above 0. */
  gpus: z.number().int().nonnegative(),
  /** How it runs the trainer (TRAINER_RUNTIME), when its heartbeat says. */
  runtime: z.string().nullable(),
  /** When its heartbeat was last written (ISO 8601), when it says. */
  lastSeenAt: z.string().nullable(),
});
export type WorkerInfo = z.infer<typeof WorkerInfo>;

export const WorkerListResponse = z.object({ items: z.array(WorkerInfo) });
export type WorkerListResponse = z.infer<typeof WorkerListResponse>;
