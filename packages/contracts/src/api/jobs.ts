// Fine-tune jobs: request bodies, responses and the hyperparameters' documented defaults
// (docs/api.md, "Fine-tune jobs"). The defaults are the tutorial's recipe.
import { z } from "zod";
import { PRESET_HYPERPARAMETERS, hyperparameterSchemas } from "../generated/trainer-contract";
import { Creator } from "./common";
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

export type HyperparameterPresetName = PresetName;

/** The preset jobs on a base model start from: its own (`base_models.preset`) when it names one,
 * else the one presets.json measured on it, else the tutorial's recipe. */
export function presetForBaseModel(baseModel: { id: string; preset?: string | null }): PresetName {
  if (baseModel.preset && baseModel.preset in HYPERPARAMETER_PRESETS) return baseModel.preset as PresetName;
  const measured = Object.entries(HYPERPARAMETER_PRESETS).find(([, preset]) => preset.baseModel === baseModel.id);
  return (measured?.[0] as PresetName | undefined) ?? "tutorial";
}

/**
 * The word the model answers with for each class, keyed by the label as text. Checked against the
 * dataset's classes when a job is created (one distinct word per class: @loraboard/domain
 * checkLabelWords); the shape alone is checked here.
 */
export const LabelWords = z
  .record(z.string().min(1).max(64), z.string().trim().min(1, "enter a word for every label").max(32, "a label word is at most 32 characters"))
  .refine((words) => Object.keys(words).length >= 2 && Object.keys(words).length <= 100, "labelWords maps each of the dataset's 2 to 100 labels to a word")
  .meta({
    description:
      'The word the model answers with for each class, keyed by the label as text: {"0": "消极", "1": "积极"} or {"体育": "体育", "财经": "财经", ...}. Every label of the dataset needs one, all different; a word that is the start of another is allowed (the longest match wins) with a warning. Default: 消极/积极 for a 0/1 dataset, otherwise each label itself.',
  });
export type LabelWords = z.infer<typeof LabelWords>;

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
  labelWords: z.record(z.string(), z.string()),
  attempts: z.number().int(),
  /** The step of the checkpoint the published adapter is: the best by the chosen validation metric. */
  bestStep: z.number().int().nullable().optional(),
  /** Who made it; null for the API_TOKEN, older records, or a deleted account. */
  createdBy: Creator.nullable().optional(),
  /** The sweep it belongs to: its adapter is loaded and evaluated only once it is promoted. */
  sweepId: z.string().nullable().optional(),
  /** Bytes its files take under DATA_DIR (job directory and adapter); only on GET /api/jobs/:id. */
  diskBytes: z.number().int().nonnegative().optional(),
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
export const CreateJobResponse = Job.extend({
  /** Label words that start another word (allowed: the longest match wins), worth a look. */
  warnings: z.array(z.string()).optional(),
});
export const JobMetricsResponse = z.object({ items: z.array(JobMetricPoint) });
export const JobLogLinesQuery = z.object({
  /** Only lines after this line id (a decimal integer). */
  afterId: z.string().regex(/^\d+$/).optional(),
  limit: z.coerce.number().int().min(1).max(5000).default(1000),
});
export const JobLogLinesResponse = z.object({ items: z.array(JobLogLine), nextCursor: z.string().nullable() });
