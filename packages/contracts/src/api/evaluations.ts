// Evaluations: accuracy reports on a dataset split (docs/api.md, "Evaluations").
import { z } from "zod";

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
  perClass: z.object({ "0": ClassMetrics, "1": ClassMetrics }),
  confusion: z.object({ labels: z.tuple([z.literal("0"), z.literal("1"), z.literal("invalid")]), matrix: z.array(z.array(z.number().int())) }),
});
export type EvaluationMetricsBody = z.infer<typeof EvaluationMetrics>;

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
});
export type Evaluation = z.infer<typeof Evaluation>;

export const PredictionsQuery = z.object({
  filter: z.enum(["all", "wrong", "invalid"]).default("all"),
  q: z.string().max(200).optional(),
  offset: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(500).default(50),
});

export const Prediction = z.object({
  index: z.number().int(),
  sentence: z.string(),
  label: z.union([z.literal(0), z.literal(1)]),
  predicted: z.union([z.literal(0), z.literal(1)]).nullable(),
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
