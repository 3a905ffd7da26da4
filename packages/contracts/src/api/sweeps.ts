// Sweeps: a group of ordinary jobs over a few hyperparameters, ranked by one validation metric
// (docs/api.md, "Sweeps"). How a space becomes jobs is @loraboard/domain expandSweep.
import { z } from "zod";
import { hyperparameterSchemas } from "../generated/trainer-contract";
import { Creator } from "./common";
import { CreateJobBody, Job, JobStatus } from "./jobs";
import { nameField } from "./names";

const MAX_VALUES = 8;

/** A list of values to try for one hyperparameter: each valid for it, none repeated. */
function valuesOf<T extends z.ZodType>(name: string, schema: T) {
  return z
    .array(schema)
    .min(1, `give ${name} at least one value, or leave it out`)
    .max(MAX_VALUES, `try at most ${MAX_VALUES} values of ${name}`)
    .refine((values) => new Set(values.map((value) => JSON.stringify(value))).size === values.length, `the values of ${name} must differ`);
}

/** Each hyperparameter the sweep varies, with the values to try; the others come from `hyperparameters`. */
export const SweepSpace = z
  .strictObject({
    learningRate: valuesOf("learningRate", hyperparameterSchemas.learningRate.unwrap()).optional(),
    loraR: valuesOf("loraR", hyperparameterSchemas.loraR.unwrap()).optional(),
    targetModules: valuesOf("targetModules", hyperparameterSchemas.targetModules.unwrap()).optional(),
    epochs: valuesOf("epochs", hyperparameterSchemas.epochs.unwrap()).optional(),
  })
  .meta({
    description:
      'The values to try, per hyperparameter: `{"learningRate": [0.001, 0.002], "loraR": [4, 8]}`. Grid makes every combination; random draws `samples` distinct ones. A sweep makes 2 to 16 jobs.',
  });
export type SweepSpace = z.infer<typeof SweepSpace>;

export const SweepStrategy = z.enum(["grid", "random"]);
/** What ranks a sweep's jobs: the best validation accuracy (from label-word logits) or the lowest eval loss. */
export const SweepMetric = z.enum(["valAccuracy", "evalLoss"]);
export type SweepMetric = z.infer<typeof SweepMetric>;

export const CreateSweepBody = z.object({
  datasetId: CreateJobBody.shape.datasetId,
  baseModelId: CreateJobBody.shape.baseModelId,
  name: nameField("name", 100).optional(),
  /** Every job's hyperparameters, except what `space` varies. */
  hyperparameters: CreateJobBody.shape.hyperparameters,
  promptTemplate: CreateJobBody.shape.promptTemplate,
  labelWords: CreateJobBody.shape.labelWords,
  space: SweepSpace,
  strategy: SweepStrategy.default("grid"),
  /** Random: how many distinct combinations to draw. */
  samples: z.number().int().min(1).max(16).optional(),
  /** Random: the same seed draws the same combinations. */
  seed: z.number().int().min(0).max(2147483647).default(0),
  metric: SweepMetric.default("valAccuracy"),
});
export type CreateSweepBody = z.infer<typeof CreateSweepBody>;

/** The sweep's state, read from its jobs: running while any runs, then succeeded (one at least) or failed. */
export const SweepStatus = z.enum(["running", "succeeded", "failed", "cancelled"]);
export type SweepStatus = z.infer<typeof SweepStatus>;

export const Sweep = z.object({
  id: z.string(),
  name: z.string(),
  datasetId: z.string(),
  datasetName: z.string().optional(),
  baseModelId: z.string(),
  strategy: SweepStrategy,
  space: SweepSpace,
  samples: z.number().int().nullable(),
  seed: z.number().int(),
  metric: SweepMetric,
  status: SweepStatus,
  /** Jobs by status. */
  jobCounts: z.partialRecord(JobStatus, z.number().int()),
  jobCount: z.number().int(),
  /** The job that was promoted (its adapter loaded and evaluated), if any. */
  winnerJobId: z.string().nullable(),
  createdAt: z.string(),
  createdBy: Creator.nullable().optional(),
});
export type Sweep = z.infer<typeof Sweep>;

/** One eval point of a job's validation curve. */
export const SweepCurvePoint = z.object({ step: z.number().int(), evalLoss: z.number().nullable(), evalAccuracy: z.number().nullable() });
export type SweepCurvePoint = z.infer<typeof SweepCurvePoint>;

export const SweepJob = z.object({
  /** 1 is the best so far by the sweep's metric; null until the job has evaluated once. */
  rank: z.number().int().nullable(),
  /** The job's value of the sweep's metric: its best validation accuracy, or its lowest eval loss. */
  score: z.number().nullable(),
  bestValAccuracy: z.number().nullable(),
  bestEvalLoss: z.number().nullable(),
  /** The hyperparameters the sweep varied, as this job tried them. */
  overrides: z.object({
    learningRate: z.number().optional(),
    loraR: z.number().int().optional(),
    targetModules: z.array(z.string()).optional(),
    epochs: z.number().optional(),
  }),
  curve: z.array(SweepCurvePoint),
  job: Job,
});
export type SweepJob = z.infer<typeof SweepJob>;

export const SweepDetail = Sweep.extend({
  /** Best first; jobs with no evaluation yet last, in creation order. */
  jobs: z.array(SweepJob),
  /** The best job so far by the metric. */
  bestJobId: z.string().nullable(),
});
export type SweepDetail = z.infer<typeof SweepDetail>;

export const SweepListQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().optional(),
});
export const SweepListResponse = z.object({ items: z.array(Sweep), nextCursor: z.string().nullable() });

export const PromoteSweepBody = z
  .object({
    /** The job to promote; the best by the sweep's metric when left out. */
    jobId: z.string().min(1).optional(),
  })
  .default({});
export const PromoteSweepResponse = z.object({
  jobId: z.string(),
  adapterId: z.string(),
  adapterName: z.string(),
  /** The evaluation on the test split; null when the dataset has no test rows. */
  evaluationId: z.string().nullable(),
});
