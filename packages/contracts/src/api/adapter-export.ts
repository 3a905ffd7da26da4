// Taking an adapter away: its peft folder as a zip, or merged into its base for serving without
// LoRA, each with the vLLM command that serves it (issue 17).
import { z } from "zod";

export const MERGED_MODEL_STATUSES = ["none", "queued", "merging", "ready", "failed"] as const;
export const MergedModelStatus = z.enum(MERGED_MODEL_STATUSES);
export type MergedModelStatus = z.infer<typeof MergedModelStatus>;

export const AdapterExport = z.object({
  adapterId: z.string(),
  adapterName: z.string(),
  adapter: z.object({
    /** GET it for the peft folder as a zip (one top folder named after the adapter). */
    downloadUrl: z.string(),
    /** Serves the base with this adapter, from the unzipped folder. */
    vllmCommand: z.string(),
  }),
  merged: z.object({
    /** none: never merged (POST .../merged starts it); failed: `error` says why (POST again to retry). */
    status: MergedModelStatus,
    error: z.string().nullable(),
    /** Size on disk of the merged model (bf16 safetensors + tokenizer), when ready. */
    bytes: z.number().int().nullable(),
    downloadUrl: z.string().nullable(),
    /** Serves the merged model without LoRA, from the unzipped folder; null until ready. */
    vllmCommand: z.string().nullable(),
  }),
});
export type AdapterExport = z.infer<typeof AdapterExport>;
