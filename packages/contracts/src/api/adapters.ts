// Adapters and the inference server (docs/api.md, "Adapters and serving").
import { z } from "zod";
import { Creator } from "./common";

export const ADAPTER_STATUSES = ["loaded", "unloaded", "loading", "failed"] as const;
export const AdapterStatus = z.enum(ADAPTER_STATUSES);
export type AdapterStatus = z.infer<typeof AdapterStatus>;

export const Adapter = z.object({
  id: z.string(),
  /** The inference server's model name (vLLM lora_name): a new one per trained version. */
  name: z.string(),
  jobId: z.string(),
  jobName: z.string().optional(),
  baseModelId: z.string(),
  path: z.string(),
  status: AdapterStatus,
  /** Whether the operator wants it loaded: reconcile loads it again after an inference restart. */
  shouldLoad: z.boolean(),
  error: z.string().nullable(),
  createdAt: z.string(),
  loadedAt: z.string().nullable(),
  /** Who made it; null for the API_TOKEN, older records, or a deleted account. */
  createdBy: Creator.nullable().optional(),
  /** The job's prompt template and label words, for the playground. */
  promptTemplate: z.string().optional(),
  labelWords: z.record(z.string(), z.string()).optional(),
});
export type Adapter = z.infer<typeof Adapter>;

export const AdapterListResponse = z.object({
  items: z.array(Adapter),
  nextCursor: z.string().nullable(),
  /** Whether the servers of the listed adapters' base models (each its own) answered while the list was built. */
  inference: z.enum(["ok", "down"]),
});
export type AdapterListResponse = z.infer<typeof AdapterListResponse>;
