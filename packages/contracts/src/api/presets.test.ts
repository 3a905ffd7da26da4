// The presets and hyperparameter bounds come from the trainer's one source (presets.json and the
// dataclasses, through generated/trainer-contract.ts): what the API accepts, the trainer accepts.
import { describe, expect, it } from "vitest";
import { TrainerSpec, specFromHyperparameters } from "../trainer";
import { HYPERPARAMETER_PRESETS, Hyperparameters } from "./jobs";

const paths = { baseModelPath: "/m", train: "/t", outputDir: "/o", adapterDir: "/a" };

describe("HYPERPARAMETER_PRESETS", () => {
  it("keeps the measured cpu-demo recipe", () => {
    expect(HYPERPARAMETER_PRESETS["cpu-demo"].values).toMatchObject({
      targetModules: ["q_proj", "k_proj", "v_proj", "o_proj"],
      learningRate: 2e-3,
      epochs: 2,
      batchSize: 32,
      gradientAccumulationSteps: 1,
      maxLength: 160,
      evalSteps: 100,
    });
  });

  it("keeps the tutorial's recipe as the API's defaults: 32 samples per step as 4 × 8", () => {
    expect(HYPERPARAMETER_PRESETS.tutorial.values).toEqual(Hyperparameters.parse({}));
    expect(Hyperparameters.parse({})).toMatchObject({ loraR: 8, learningRate: 2e-4, epochs: 3, batchSize: 4, gradientAccumulationSteps: 8 });
  });

  it("gives specs the trainer's schema accepts", () => {
    for (const { values } of Object.values(HYPERPARAMETER_PRESETS)) {
      expect(TrainerSpec.safeParse({ ...paths, ...specFromHyperparameters(values) }).success).toBe(true);
    }
  });
});

describe("Hyperparameters", () => {
  it("refuses a learning rate of 1, as the trainer does", () => {
    const result = Hyperparameters.safeParse({ learningRate: 1 });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]).toMatchObject({ path: ["learningRate"], message: "learningRate must be a number above 0 and below 1" });
  });

  it("places each flat name where the spec has it", () => {
    expect(specFromHyperparameters({ loraR: 16, learningRate: 1e-3 })).toEqual({ lora: { r: 16 }, training: { learningRate: 1e-3 } });
  });
});

describe("TrainerSpec", () => {
  it("checks rules between fields like the trainer", () => {
    const result = TrainerSpec.safeParse({ ...paths, training: { maxLength: 512, maxBatchTokens: 256, packing: true } });
    expect(result.error?.issues[0]?.message).toBe("training.maxBatchTokens must be at least training.maxLength (512)");
    expect(TrainerSpec.safeParse({ ...paths, labelWords: { "0": "a", "1": "b", "2": "c" } }).success).toBe(true);
    expect(TrainerSpec.safeParse({ ...paths, labelWords: { "0": "a", "1": "a" } }).success).toBe(false);
  });
});
