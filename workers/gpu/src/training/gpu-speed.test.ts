import { describe, expect, it } from "vitest";
import { Hyperparameters, TrainingSpec } from "@loraboard/contracts";
import { COMPILE_PAYS_FROM_SAMPLES, GPU_PASS_TOKENS, gpuTrainingOptions } from "./gpu-speed";

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
