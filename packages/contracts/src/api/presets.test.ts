// The dashboard's presets and the trainer's presets.json describe the same recipes.
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { TrainerSpec } from "../trainer";
import { HYPERPARAMETER_PRESETS } from "./jobs";

const trainerPresets = JSON.parse(
  readFileSync(path.resolve(import.meta.dirname, "../../../../workers/trainer/presets.json"), "utf8"),
);

describe("HYPERPARAMETER_PRESETS", () => {
  it("matches the trainer's measured cpu-demo preset", () => {
    const { lora, training } = trainerPresets["cpu-demo"];
    expect(HYPERPARAMETER_PRESETS["cpu-demo"].values).toMatchObject({
      loraR: lora.r,
      loraAlpha: lora.alpha,
      loraDropout: lora.dropout,
      targetModules: lora.targetModules,
      learningRate: training.learningRate,
      epochs: training.epochs,
      batchSize: training.batchSize,
      gradientAccumulationSteps: training.gradientAccumulationSteps,
      maxLength: training.maxLength,
      evalSteps: training.evalSteps,
      seed: training.seed,
    });
  });

  it("keeps the tutorial's recipe as the API's defaults", () => {
    const { lora, training } = trainerPresets["gpu-tutorial"];
    const tutorial = HYPERPARAMETER_PRESETS.tutorial.values;
    expect(tutorial).toMatchObject({ loraR: lora.r, loraAlpha: lora.alpha, loraDropout: lora.dropout, targetModules: lora.targetModules });
    expect(tutorial.learningRate).toBe(training.learningRate);
    expect(tutorial.epochs).toBe(training.epochs);
    // The tutorial's 32 samples per step: batch 4 × accumulation 8 (the trainer's GPU preset runs 32 × 1).
    expect(tutorial.batchSize * tutorial.gradientAccumulationSteps).toBe(training.batchSize * training.gradientAccumulationSteps);
  });

  it("carries the GPU preset's speed options through the trainer spec the worker writes", () => {
    const { training } = trainerPresets["gpu-tutorial"];
    const parsed = TrainerSpec.shape.training.parse(training);
    expect(parsed).toMatchObject({
      packing: training.packing,
      maxBatchTokens: training.maxBatchTokens,
      torchCompile: training.torchCompile,
    });
    expect(parsed.packing).toBe(true);
  });
});
