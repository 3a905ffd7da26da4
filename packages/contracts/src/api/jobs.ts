// Fine-tune jobs: request bodies, responses and the hyperparameters' documented defaults
// (docs/API.md, "Fine-tune jobs"). The defaults are the tutorial's recipe.
import { z } from "zod";
import { PRESET_HYPERPARAMETERS, hyperparameterSchemas } from "../generated/trainer-contract";
import { nameField } from "./names";

/** A prompt template: exactly one {sentence}, because the trainer cuts the sentence (and only the
 * sentence) to fit maxLength. Jobs, base models and the prompt preview all take this one. */
export const PromptTemplate = z
    .string()
    .max(4000)
    .refine((template) => template.includes("{sentence}"), "the prompt template must contain {sentence}")
    .refine((template) => template.split("{sentence}").length <= 2, "the prompt template must contain {sentence} only once");

/** The hyperparameters a job may set, by their flat API names (API.md). Bounds, defaults and where
 * each goes in the trainer's spec are generated from the trainer's dataclasses
 * (lora_trainer/config.py): one line there changes the API, the form, the OpenAPI document and the
 * trainer together. */
export const Hyperparameters = z.object(hyperparameterSchemas);
export type Hyperparameters = z.infer<typeof Hyperparameters>;

type PresetName = keyof typeof PRESET_HYPERPARAMETERS;

/** Named starting points offered by the new-job form (workers/trainer/presets.json); "tutorial"
 * equals the defaults. */
export const HYPERPARAMETER_PRESETS = Object.fromEntries(
  Object.entries(PRESET_HYPERPARAMETERS).map(([name, preset]) => [
    name,
    {
      label: preset.label,
      /** The base model the preset was measured on, when it was made for one. */
      baseModel: "baseModel" in preset ? preset.baseModel : null,
      values: Hyperparameters.parse(preset.hyperparameters),
    },
  ]),
) as Record<PresetName, { label: string; baseModel: string | null; values: Hyperparameters }>;

const LabelWords = z
  .object({
    "0": z.string().trim().min(1, "enter the word for label 0").max(32),
    "1": z.string().trim().min(1, "enter the word for label 1").max(32),
  })
  .refine((words) => words["0"] !== words["1"], "the two label words must differ");

export const CreateJobBody = z.object({
  datasetId: z.string().min(1, "pick a dataset"),
  baseModelId: z.string().min(1, "pick a base model"),
  name: nameField("name", 100).optional(),
  hyperparameters: Hyperparameters.partial().optional(),
  promptTemplate: PromptTemplate.optional(),
  labelWords: LabelWords.optional(),
});
export type CreateJobBody = z.infer<typeof CreateJobBody>;

export const JobStatus = z.enum(["queued", "running", "evaluating", "succeeded", "failed", "cancelled"]);
export type JobStatus = z.infer<typeof JobStatus>;

export const JobError = z.object({ code: z.string(), message: z.string() });

export const Job = z.object({
  id: z.string(),
  name: z.string(),
  status: JobStatus,
  progress: z.number().min(0).max(1),
  currentStep: z.number().int(),
  totalSteps: z.number().int().nullable(),
  etaSeconds: z.number().nullable(),
  error: JobError.nullable(),
  adapterId: z.string().nullable(),
  evaluationId: z.string().nullable(),
  createdAt: z.string(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  datasetId: z.string(),
  datasetName: z.string().optional(),
  baseModelId: z.string(),
  hyperparameters: Hyperparameters,
  promptTemplate: z.string(),
  labelWords: z.object({ "0": z.string(), "1": z.string() }),
  attempts: z.number().int(),
  /** The step of the checkpoint the published adapter is: the best by the chosen validation metric. */
  bestStep: z.number().int().nullable().optional(),
});
export type Job = z.infer<typeof Job>;

export const JobMetricPoint = z.object({
  step: z.number().int(),
  epoch: z.number().nullable(),
  loss: z.number().nullable(),
  gradNorm: z.number().nullable(),
  learningRate: z.number().nullable(),
  evalLoss: z.number().nullable().optional(),
  /** Validation accuracy (0..1) at an eval step, from the label words' logits (no generation). */
  evalAccuracy: z.number().nullable().optional(),
  /** Validation macro-F1 (0..1) at an eval step, from the same predictions. */
  evalMacroF1: z.number().nullable().optional(),
});
export type JobMetricPoint = z.infer<typeof JobMetricPoint>;

export const JobMetricsQuery = z.object({
  afterStep: z.coerce.number().int().min(-1).default(-1),
  // Long runs are downsampled on the server to at most this many points (eval points always kept).
  maxPoints: z.coerce.number().int().min(10).max(100000).optional(),
});

export const JobLogLine = z.object({ id: z.string(), stream: z.string(), line: z.string(), createdAt: z.string() });
export type JobLogLine = z.infer<typeof JobLogLine>;

/** What the live event stream (SSE) of a job carries, one per event. */
export const JobLiveEvent = z.discriminatedUnion("type", [
  z.object({ type: z.literal("status"), job: Job.partial().extend({ id: z.string(), status: JobStatus }) }),
  z.object({ type: z.literal("metric"), metric: JobMetricPoint }),
  z.object({ type: z.literal("log"), line: JobLogLine }),
]);
export type JobLiveEvent = z.infer<typeof JobLiveEvent>;

// Route queries and responses, described in the OpenAPI document (openapi.ts).
export const JobListQuery = z.object({
  status: JobStatus.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  /** The `nextCursor` of the previous page. */
  cursor: z.string().optional(),
});
export const JobListResponse = z.object({ items: z.array(Job), nextCursor: z.string().nullable() });
export const CreateJobResponse = Job;
export const JobMetricsResponse = z.object({ items: z.array(JobMetricPoint) });
export const JobLogLinesQuery = z.object({
  /** Only lines after this line id (a decimal integer). */
  afterId: z.string().regex(/^\d+$/).optional(),
  limit: z.coerce.number().int().min(1).max(5000).default(1000),
});
export const JobLogLinesResponse = z.object({ items: z.array(JobLogLine), nextCursor: z.string().nullable() });
