// Shapes every route shares (docs/api.md, "Conventions").
import { z } from "zod";

export const ApiIssue = z.object({
  row: z.number().int().optional(),
  field: z.string().optional(),
  message: z.string(),
});
export type ApiIssue = z.infer<typeof ApiIssue>;

export const ApiErrorBody = z.object({
  error: z.object({
    code: z.string().regex(/^[a-z][a-z0-9_]*$/),
    message: z.string(),
    issues: z.array(ApiIssue).optional(),
  }),
});
export type ApiErrorBody = z.infer<typeof ApiErrorBody>;

export function listResponse<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), nextCursor: z.string().nullable() });
}


/** Who made a record (a dataset, job, evaluation or adapter). null: made with the bootstrap
 * API_TOKEN, before creators were recorded, or by an account since deleted. */
export const Creator = z.object({ id: z.string(), name: z.string(), email: z.string() });
export type Creator = z.infer<typeof Creator>;
