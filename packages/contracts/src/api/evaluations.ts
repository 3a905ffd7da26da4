// Evaluations: accuracy reports on a dataset split (docs/api.md, "Evaluations").
import { z } from "zod";
import { Creator } from "./common";
import { LabelValue } from "./datasets";

export const EvaluationStatus = z.enum(["queued", "running", "succeeded", "failed", "cancelled"]);
export type EvaluationStatus = z.infer<typeof EvaluationStatus>;
export const SplitName = z.enum(["train", "val", "test"]);

export const CreateEvaluationBody = z.object({
  model: z.string().trim().min(1, "pick a model: an adapter name or a base model id"),
  datasetId: z.string().min(1, "pick a dataset"),
  split: SplitName.default("test"),
  fewShot: z.number().int().min(0).max(16).default(0),
  /** Rows evaluated at most (all when omitted), for a quick look at a large split. */
  limit: z.number().int().min(1).max(1_000_000).optional(),
});
export type CreateEvaluationBody = z.infer<typeof CreateEvaluationBody>;

const ClassMetrics = z.object({ precision: z.number(), recall: z.number(), f1: z.number(), support: z.number().int() });

export const EvaluationMetrics = z.object({
  accuracy: z.number(),
  validAccuracy: z.number(),
  invalidRate: z.number(),
  macroF1: z.number(),
  /** By label (as text), in the dataset's class order. */
  perClass: z.record(z.string(), ClassMetrics).meta({ description: 'Precision, recall, F1 and support of every class, keyed by the label as text ({"0": ..., "1": ...} or {"体育": ..., ...}).' }),
  confusion: z
    .object({ labels: z.array(z.string()), matrix: z.array(z.array(z.number().int())) })
    .meta({ description: 'One row per class (the true label) and one column per class (the predicted label) plus a last column "invalid": labels lists the columns, e.g. ["0", "1", "invalid"].' }),
});
export type EvaluationMetricsBody = z.infer<typeof EvaluationMetrics>;

export const EvaluationBaseline = z
  .object({
    id: z.string(),
    status: EvaluationStatus,
    /** The base model's figures once its evaluation succeeded, else null. */
    accuracy: z.number().nullable(),
    invalidRate: z.number().nullable(),
    macroF1: z.number().nullable(),
    /** The adapter's accuracy minus the base model's, in percentage points (null until both are known). */
    lift: z.number().nullable(),
  })
  .meta({
    description:
      "The base model evaluated zero-shot on the same rows with the adapter's template and label words, queued when the adapter's evaluation starts; lift = adapter accuracy − base accuracy in points.",
  });
export type EvaluationBaseline = z.infer<typeof EvaluationBaseline>;

export const Evaluation = z.object({
  id: z.string(),
  status: EvaluationStatus,
  model: z.string(),
  adapterId: z.string().nullable(),
  jobId: z.string().nullable(),
  datasetId: z.string(),
  datasetName: z.string().optional(),
  split: SplitName,
  fewShot: z.number().int(),
  total: z.number().int(),
  completed: z.number().int(),
  metrics: EvaluationMetrics.nullable(),
  samplesPerSecond: z.number().nullable(),
  error: z.object({ code: z.string(), message: z.string() }).nullable(),
  createdAt: z.string(),
  startedAt: z.string().nullable(),
  finishedAt: z.string().nullable(),
  /** Who made it; null for the API_TOKEN, older records, or a deleted account. */
  createdBy: Creator.nullable().optional(),
  /** An evaluation of a base model (no adapter), such as an adapter's zero-shot baseline. */
  isBaseline: z.boolean(),
  /** An adapter evaluation's zero-shot baseline; null for a base model or before it is queued. */
  baseline: EvaluationBaseline.nullable(),
});
export type Evaluation = z.infer<typeof Evaluation>;

export const PredictionsQuery = z.object({
  filter: z.enum(["all", "wrong", "invalid"]).default("all"),
  q: z.string().max(200).optional(),
  /** Only rows whose true label is this one (the label as text). */
  label: z.string().trim().min(1).max(64).optional(),
  offset: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(500).default(50),
});

export const Prediction = z.object({
  index: z.number().int(),
  sentence: z.string(),
  /** The label as uploaded: 0/1 stay numbers, text labels are text. */
  label: LabelValue,
  /** The parsed answer, or null when the model answered no label word. */
  predicted: LabelValue.nullable(),
  output: z.string(),
});
export type Prediction = z.infer<typeof Prediction>;

// Route queries and responses, described in the OpenAPI document (openapi.ts).
export const EvaluationListQuery = z.object({
  datasetId: z.string().optional(),
  split: SplitName.optional(),
  limit: z.coerce.number().int().min(1).max(200).default(100),
});
export const EvaluationListResponse = z.object({ items: z.array(Evaluation), nextCursor: z.string().nullable() });
export const PredictionsResponse = z.object({ items: z.array(Prediction), total: z.number().int().nonnegative() });
export type PredictionsResponse = z.infer<typeof PredictionsResponse>;
