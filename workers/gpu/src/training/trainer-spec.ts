// The spec the worker writes for the trainer (docs/trainer-protocol.md): the job's flat API
// hyperparameters placed into the spec by the generated table (no hand mapping), checked with the
// generated schema — the trainer's own rules — before anything runs.
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { Hyperparameters, TrainerSpec, specFromHyperparameters } from "@loraboard/contracts";
import { gpuTrainingOptions } from "@loraboard/domain";

export interface SpecInputs {
  jobId: string;
  baseModelPath: string;
  splits: { train: string; val: string; trainRows: number };
  jobDir: string;
  outputDir: string;
  adapterDir: string;
  promptTemplate: string;
  labelWords: unknown;
  hyperparameters: unknown;
  resumeFromCheckpoint: string | null;
  hasGpus: boolean;
}

export function buildTrainerSpec(inputs: SpecInputs): TrainerSpec {
  const hyperparameters = Hyperparameters.parse(inputs.hyperparameters);
  const { lora, training } = specFromHyperparameters(hyperparameters);
  return TrainerSpec.parse({
    jobId: inputs.jobId,
    baseModelPath: inputs.baseModelPath,
    train: inputs.splits.train,
    val: inputs.splits.val,
    outputDir: inputs.outputDir,
    adapterDir: inputs.adapterDir,
    promptTemplate: inputs.promptTemplate,
    labelWords: inputs.labelWords,
    lora,
    training: {
      ...training,
      // One `log` event per step: the live chart shows every step.
      loggingSteps: 1,
      quantization: null,
      ...(inputs.hasGpus ? gpuTrainingOptions(hyperparameters, inputs.splits.trainRows) : {}),
    },
    resumeFromCheckpoint: inputs.resumeFromCheckpoint,
  });
}

/** Builds, checks and writes the spec; returns its path. */
export async function writeTrainerSpec(inputs: SpecInputs): Promise<string> {
  const specPath = path.join(inputs.jobDir, "spec.json");
  await writeFile(specPath, JSON.stringify(buildTrainerSpec(inputs), null, 2));
  return specPath;
}
