import { z } from "zod";

export const ComponentStatus = z.enum(["ok", "down"]);

export const HealthResponse = z.object({
  status: z.enum(["ok", "degraded"]),
  postgres: ComponentStatus,
  redis: ComponentStatus,
  inference: ComponentStatus,
  workers: z.number().int().nonnegative(),
});
export type HealthResponse = z.infer<typeof HealthResponse>;
