import { z } from "zod";

export const ComponentStatus = z.enum(["ok", "down"]);

/** One base model's own inference server (one vLLM serves one base model). */
export const InferenceServerHealth = z.object({
  baseModelId: z.string(),
  url: z.string(),
  /** It answered GET /health. */
  ok: z.boolean(),
  /** What it serves (GET /v1/models): the base model's id and loaded adapters; empty when down. */
  models: z.array(z.string()),
});
export type InferenceServerHealth = z.infer<typeof InferenceServerHealth>;

export const HealthResponse = z.object({
  status: z.enum(["ok", "degraded"]),
  postgres: ComponentStatus,
  redis: ComponentStatus,
  /** ok when every base model's server answers. */
  inference: ComponentStatus,
  workers: z.number().int().nonnegative(),
  /** Each base model's server; absent when Postgres is down (the servers are listed there). */
  inferenceServers: z.array(InferenceServerHealth).optional(),
});
export type HealthResponse = z.infer<typeof HealthResponse>;
