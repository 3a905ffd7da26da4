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
