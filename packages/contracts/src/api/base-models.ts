import { z } from "zod";
import { LabelValue } from "./datasets";
import { LabelWords, PromptTemplate } from "./jobs";
import { nameField } from "./names";

export const BaseModel = z.object({
  id: z.string(),
  name: z.string(),
  path: z.string(),
  /** The name its own server serves it under, or null when that server does not serve it now. */
  servedBy: z.string().nullable(),
  promptTemplate: z.string().nullable().optional(),
  /** Its own inference server (one vLLM serves one base model). */
  inferenceUrl: z.string().optional(),
  /** Whether that server answers (GET /v1/models). */
  serverStatus: z.enum(["ok", "down"]).optional(),
  /** The answer words jobs on it start from, when the dataset's labels are these. */
  labelWords: z.record(z.string(), z.string()).nullable().optional(),
  /** The hyperparameter preset jobs on it start from (GET /api/jobs' presets, workers/trainer/presets.json). */
  preset: z.string().nullable().optional(),
});
export type BaseModel = z.infer<typeof BaseModel>;

export const BaseModelListResponse = z.object({ items: z.array(BaseModel) });
export type BaseModelListResponse = z.infer<typeof BaseModelListResponse>;

/** POST /api/base-models/:id/preview: one training example rendered with the model's tokenizer. */
export const BaseModelPreviewBody = z.object({
  promptTemplate: PromptTemplate,
  /** Label → word, as a job's labelWords (words may still be empty while a person types). */
  labelWords: z.record(z.string().max(64), z.string().max(32)),
  sentence: z.string().max(2000),
  /** Which label's word ends the example: 1 by default for a 0/1 map, else the map's first label. */
  label: LabelValue.optional(),
});
export const BaseModelPreviewResponse = z.object({
  /** The example as the model sees it: template with the sentence, the label word and EOS. */
  text: z.string(),
  tokenCount: z.number().int(),
  /** Tokens before the answer (the loss covers only the answer and EOS). */
  promptTokenCount: z.number().int(),
});
export type BaseModelPreviewBody = z.input<typeof BaseModelPreviewBody>;
export type BaseModelPreviewResponse = z.infer<typeof BaseModelPreviewResponse>;

/** POST /api/base-models (admin): register a Hugging Face model directory under DATA_DIR. */
export const RegisterBaseModelBody = z.object({
  id: z
    .string()
    .regex(/^[a-z0-9][a-z0-9._-]{0,62}$/, "id must be a lowercase slug (a-z, 0-9, . _ -), the name vLLM serves it under"),
  name: nameField("name", 100),
  path: z
    .string()
    .min(1, "path must name the model directory")
    .max(1000)
    .describe("The model directory: absolute, or relative to DATA_DIR/models; it must lie under DATA_DIR and hold config.json."),
  promptTemplate: PromptTemplate.optional(),
  inferenceUrl: z
    .string()
    .regex(/^https?:\/\/.+/, "inferenceUrl must be an http(s):// URL")
    .max(500)
    .optional()
    .describe("The vLLM that serves this model under its id (docs/base-models.md). Default: INFERENCE_URL."),
  labelWords: LabelWords.optional(),
  preset: z.string().min(1).max(64).optional().describe("A preset name of workers/trainer/presets.json, the starting hyperparameters of jobs on it."),
});
export type RegisterBaseModelBody = z.infer<typeof RegisterBaseModelBody>;
