import { z } from "zod";

export const BaseModel = z.object({
  id: z.string(),
  name: z.string(),
  path: z.string(),
  servedBy: z.string().nullable(),
  promptTemplate: z.string().nullable().optional(),
});
export type BaseModel = z.infer<typeof BaseModel>;
