import { describe, expect, it } from "vitest";
import { Hyperparameters, TrainingSpec } from "@loraboard/contracts";
import {
  COMPILE_PAYS_FROM_SAMPLES,
  GPU_PASS_TOKENS,
  GPU_RECIPE_SPEED,
  gpuTrainingOptions,
  summarizeGpuRecipe,
  trainingPlace,
} from "./gpu-recipe";

describe("gpuTrainingOptions", () => {
  const tutorial = Hyperparameters.parse({}); // batch 4 × accumulation 8, 3 epochs, maxLength 512

  it("packs the tutorial's accumulated micro-batches into one batch of the same reviews per step", () => {
    const options = gpuTrainingOptions(tutorial, 9_600);
    expect(options).toEqual({
      batchSize: 32,
      gradientAccumulationSteps: 1,
      packing: true,
      maxBatchTokens: GPU_PASS_TOKENS,
      groupByLength: false,
      torchCompile: true,
    });
    // what the worker writes must be a spec the contract (and so the trainer) accepts
    expect(TrainingSpec.parse(options)).toEqual(options);
  });

  it("compiles only when the job trains on enough reviews to win back the compile time", () => {
    const oneEpoch = { ...tutorial, epochs: 1 };
    expect(gpuTrainingOptions(oneEpoch, COMPILE_PAYS_FROM_SAMPLES - 1).torchCompile).toBe(false);
    expect(gpuTrainingOptions(oneEpoch, COMPILE_PAYS_FROM_SAMPLES).torchCompile).toBe(true);
    expect(gpuTrainingOptions({ ...tutorial, epochs: 0.5 }, 20_000).torchCompile).toBe(false);
    // a job that asks for it (the torchCompile hyperparameter) compiles however short it is
    expect(gpuTrainingOptions({ ...oneEpoch, torchCompile: true }, 100).torchCompile).toBe(true);
  });

  it("lets one example of maxLength fit in a pass", () => {
    expect(gpuTrainingOptions({ ...tutorial, maxLength: 8192 }, 100).maxBatchTokens).toBe(8192);
  });
});

describe("summarizeGpuRecipe", () => {
  const tutorial = Hyperparameters.parse({});

  it("names the options the worker will write and the measured 7B rate they run at", () => {
    const summary = summarizeGpuRecipe(tutorial, 9_600); // 3 epochs: compiled
    expect(summary.recipe).toBe("bf16, each step's 32 reviews packed end to end in passes of at most 6,144 tokens, compiled transformer blocks");
    expect(summary.reviewsPerSecond).toBe(GPU_RECIPE_SPEED.compiledReviewsPerSecond);
    expect(summary.measuredWith).toBeNull();
    expect(summary.minutesFor7b).toBeCloseTo((9_600 * 3) / GPU_RECIPE_SPEED.compiledReviewsPerSecond / 60, 6);
  });

  it("says when a short job runs uncompiled, and at the uncompiled rate", () => {
    const summary = summarizeGpuRecipe({ ...tutorial, epochs: 1 }, 1_000);
    expect(summary.recipe).toContain("not compiled");
    expect(summary.reviewsPerSecond).toBe(GPU_RECIPE_SPEED.eagerReviewsPerSecond);
    // that rate is the uncompiled 4,096-token recipe's: the form must not pass it off as this one's
    expect(summary.measuredWith).toBe("uncompiled, with 4,096-token passes");
  });
});

describe("trainingPlace", () => {
  it("tells GPU, CPU, either or no worker from the live workers' GPU counts", () => {
    expect(trainingPlace([])).toBe("no-worker");
    expect(trainingPlace([{ gpus: 2 }, { gpus: 1 }])).toBe("gpu");
    expect(trainingPlace([{ gpus: 0 }])).toBe("cpu");
    expect(trainingPlace([{ gpus: 0 }, { gpus: 4 }])).toBe("gpu-or-cpu");
  });
});
