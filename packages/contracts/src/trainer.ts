// The trainer ⇄ worker protocol (docs/trainer-protocol.md): the spec the worker writes
// and the JSON-lines events the trainer prints. workers/trainer/events.schema.json is the Python
// side's copy of the same rules.
import { z } from "zod";

export const TrainerSpec = z.object({
  jobId: z.string(),
  baseModelPath: z.string(),
  train: z.string(),
  val: z.string(),
  outputDir: z.string(),
  adapterDir: z.string(),
  promptTemplate: z.string(),
  labelWords: z.object({ "0": z.string(), "1": z.string() }),
  lora: z.object({ r: z.number(), alpha: z.number(), dropout: z.number(), targetModules: z.array(z.string()) }),
  training: z.object({
    learningRate: z.number(),
    epochs: z.number(),
    batchSize: z.number(),
    gradientAccumulationSteps: z.number(),
    maxLength: z.number(),
    evalSteps: z.number(),
    loggingSteps: z.number(),
    seed: z.number(),
    earlyStoppingPatience: z.number().nullable(),
    quantization: z.string().nullable(),
    // groupByLength: batch examples of similar length, keeping each batch's class mix (trainer default: on).
    groupByLength: z.boolean().optional(),
    // Speed options (workers/trainer, docs/performance.md); the trainer's defaults are off.
    // packing: each micro-batch's examples end to end in one row, attention kept within each example.
    packing: z.boolean().optional(),
    // maxBatchTokens (with packing): at most this many tokens per forward/backward pass; null = off.
    maxBatchTokens: z.number().int().nullable().optional(),
    // torchCompile: torch.compile each transformer block (CUDA only).
    torchCompile: z.boolean().optional(),
  }),
  resumeFromCheckpoint: z.string().nullable(),
});
export type TrainerSpec = z.infer<typeof TrainerSpec>;

const base = { time: z.number() };
const nullableNumber = z.number().nullable();

export const TrainerEvent = z.discriminatedUnion("event", [
  z.object({
    ...base,
    event: z.literal("started"),
    totalSteps: z.number().int(),
    trainSamples: z.number().int(),
    valSamples: z.number().int(),
    device: z.string(),
    dtype: z.string(),
    trainableParams: z.number().int(),
    totalParams: z.number().int(),
  }),
  z.object({
    ...base,
    event: z.literal("log"),
    step: z.number().int(),
    epoch: z.number(),
    loss: nullableNumber,
    grad_norm: nullableNumber,
    learning_rate: z.number(),
    samples_per_second: z.number(),
    tokens_per_second: z.number(),
    eta_seconds: z.number(),
  }),
  z.object({ ...base, event: z.literal("eval"), step: z.number().int(), epoch: z.number(), eval_loss: nullableNumber }),
  z.object({ ...base, event: z.literal("checkpoint"), step: z.number().int(), path: z.string() }),
  z.object({
    ...base,
    event: z.literal("completed"),
    adapterDir: z.string(),
    steps: z.number().int(),
    runtimeSeconds: z.number(),
    trainLoss: nullableNumber,
  }),
  z.object({ ...base, event: z.literal("failed"), error: z.string(), code: z.string() }),
]);
export type TrainerEvent = z.infer<typeof TrainerEvent>;
