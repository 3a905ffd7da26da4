// The new-job form's state, turned into a CreateJobBody and validated with the contract's schema
// as the user types; errors are keyed by the same dotted field names the API's 422 issues use.
import {
  CreateJobBody,
  DEFAULT_LABEL_WORDS,
  DEFAULT_PROMPT_TEMPLATE,
  HYPERPARAMETER_FIELDS,
  HYPERPARAMETER_PRESETS,
  presetForBaseModel,
  type BaseModel,
  type Hyperparameters,
  type Job,
} from "@loraboard/contracts";
import type { Label } from "@loraboard/domain";
import { checkLabelWordInputs, type LabelWordInputs } from "./label-words-form";

/** Which checkpoint is published and what early stopping watches: not part of any preset, so a
 * preset or a change of base model keeps them. */
type CheckpointHyperparameter = "metricForBestModel" | "earlyStoppingPatience";
/** Where the adapter goes and how the run is compiled: part of a preset, edited beside the target modules. */
type ShapeHyperparameter = "targetModules" | "loraTopLayers" | "torchCompile";
export type NumericHyperparameter = Exclude<keyof Hyperparameters, ShapeHyperparameter | CheckpointHyperparameter>;
export type MetricForBestModel = Hyperparameters["metricForBestModel"];
export type PresetName = keyof typeof HYPERPARAMETER_PRESETS;

const METRIC_LABELS: Record<MetricForBestModel, string> = {
  eval_accuracy: "Validation accuracy",
  eval_macro_f1: "Validation macro-F1",
  eval_loss: "Eval loss",
};
/** The metrics the trainer can pick the published checkpoint by, in the contract's order. */
export const BEST_MODEL_METRICS = HYPERPARAMETER_FIELDS.metricForBestModel.enum.map((value) => ({ value, label: METRIC_LABELS[value] }));

export function metricLabel(metric: MetricForBestModel): string {
  return METRIC_LABELS[metric];
}

export const NUMERIC_HYPERPARAMETERS: { key: NumericHyperparameter; label: string; hint: string }[] = [
  { key: "loraR", label: "LoRA rank r", hint: "adapter size; 8 in the tutorial" },
  { key: "loraAlpha", label: "LoRA alpha", hint: "scaling; usually 2 × r" },
  { key: "loraDropout", label: "LoRA dropout", hint: `${HYPERPARAMETER_FIELDS.loraDropout.minimum} to ${HYPERPARAMETER_FIELDS.loraDropout.maximum}` },
  { key: "learningRate", label: "Learning rate", hint: "e.g. 2e-4" },
  { key: "epochs", label: "Epochs", hint: "fractions allowed" },
  { key: "batchSize", label: "Batch size", hint: "examples per device step" },
  { key: "gradientAccumulationSteps", label: "Gradient accumulation", hint: "steps per optimizer update" },
  { key: "maxLength", label: "Max length", hint: "tokens per example" },
  { key: "evalSteps", label: "Eval every", hint: "steps between eval losses" },
  { key: "seed", label: "Seed", hint: "for a reproducible run" },
];

export interface JobFormState {
  name: string;
  datasetId: string;
  baseModelId: string;
  hyperparameters: Record<NumericHyperparameter, string>;
  targetModules: string[];
  /** Adapt only the model's last N blocks; "" = every block. */
  loraTopLayers: string;
  torchCompile: boolean;
  metricForBestModel: MetricForBestModel;
  /** Evaluations without improvement before training stops; "" = early stopping off. */
  earlyStoppingPatience: string;
  promptTemplate: string;
  /** One answer word per class of the picked dataset, by label (lib/label-words-form.ts). */
  labelWords: LabelWordInputs;
}

export function hyperparameterInputs(values: Hyperparameters): Record<NumericHyperparameter, string> {
  return Object.fromEntries(NUMERIC_HYPERPARAMETERS.map(({ key }) => [key, String(values[key])])) as Record<NumericHyperparameter, string>;
}

/** What a preset (or a cloned job) sets in the form: the numbers and the adapter's shape. */
export function presetInputs(values: Hyperparameters): Pick<JobFormState, "hyperparameters" | ShapeHyperparameter> {
  return {
    hyperparameters: hyperparameterInputs(values),
    targetModules: [...values.targetModules],
    loraTopLayers: values.loraTopLayers === null ? "" : String(values.loraTopLayers),
    torchCompile: values.torchCompile,
  };
}

/** What a base model recommends to jobs on it (GET /api/base-models). */
export type BaseModelDefaults = Pick<BaseModel, "id"> & Partial<Pick<BaseModel, "preset" | "promptTemplate" | "labelWords">>;

/** The base model's own preset, else the one measured on it (presets.json `baseModel`), else the tutorial's recipe. */
export function presetFor(baseModel: string | BaseModelDefaults): PresetName {
  return presetForBaseModel(typeof baseModel === "string" ? { id: baseModel } : baseModel);
}

/** The form for a base model, from its defaults: preset, prompt template and label words. */
export function initialFormState(baseModel: string | BaseModelDefaults = ""): JobFormState {
  const model = typeof baseModel === "string" ? { id: baseModel } : baseModel;
  const preset = HYPERPARAMETER_PRESETS[presetFor(model)].values;
  return {
    name: "",
    datasetId: "",
    baseModelId: model.id,
    ...presetInputs(preset),
    ...checkpointInputs(preset),
    promptTemplate: model.promptTemplate ?? DEFAULT_PROMPT_TEMPLATE,
    // The model's words (消极/积极 by default) until a dataset is picked, then those of its classes.
    labelWords: { ...(model.labelWords ?? DEFAULT_LABEL_WORDS) },
  };
}

/** The form prefilled from an existing job ("clone"). */
export function formStateFromJob(job: Job): JobFormState {
  return {
    name: `${job.name} (copy)`.slice(0, 100),
    datasetId: job.datasetId,
    baseModelId: job.baseModelId,
    ...presetInputs(job.hyperparameters),
    ...checkpointInputs(job.hyperparameters),
    promptTemplate: job.promptTemplate,
    labelWords: { ...job.labelWords },
  };
}

function checkpointInputs(values: Hyperparameters): Pick<JobFormState, CheckpointHyperparameter> {
  return {
    metricForBestModel: values.metricForBestModel,
    earlyStoppingPatience: values.earlyStoppingPatience === null ? "" : String(values.earlyStoppingPatience),
  };
}

/** Which preset the values equal, if any. */
export function matchingPreset(state: JobFormState): PresetName | null {
  for (const [name, preset] of Object.entries(HYPERPARAMETER_PRESETS) as [PresetName, (typeof HYPERPARAMETER_PRESETS)[PresetName]][]) {
    const inputs = hyperparameterInputs(preset.values);
    const isSame =
      NUMERIC_HYPERPARAMETERS.every(({ key }) => Number(state.hyperparameters[key]) === Number(inputs[key]) && state.hyperparameters[key].trim() !== "") &&
      [...state.targetModules].sort().join() === [...preset.values.targetModules].sort().join() &&
      state.loraTopLayers.trim() === presetInputs(preset.values).loraTopLayers &&
      state.torchCompile === preset.values.torchCompile;
    if (isSame) return name;
  }
  return null;
}

function parseNumber(text: string): number {
  const trimmed = text.trim();
  return trimmed === "" ? Number.NaN : Number(trimmed);
}

export function toCreateJobBody(state: JobFormState) {
  const hyperparameters = {
    ...Object.fromEntries(NUMERIC_HYPERPARAMETERS.map(({ key }) => [key, parseNumber(state.hyperparameters[key])])),
    targetModules: state.targetModules,
    loraTopLayers: state.loraTopLayers.trim() === "" ? null : parseNumber(state.loraTopLayers),
    torchCompile: state.torchCompile,
    metricForBestModel: state.metricForBestModel,
    earlyStoppingPatience: state.earlyStoppingPatience.trim() === "" ? null : parseNumber(state.earlyStoppingPatience),
  };
  return {
    datasetId: state.datasetId,
    baseModelId: state.baseModelId,
    ...(state.name.trim() ? { name: state.name.trim() } : {}),
    hyperparameters,
    promptTemplate: state.promptTemplate,
    // No dataset picked yet: no words, and the API would default them anyway.
    ...(Object.keys(state.labelWords).length > 0 ? { labelWords: state.labelWords } : {}),
  };
}

export type FieldErrors = Record<string, string>;

/**
 * Validates with the API's own schema, and the label words against the dataset's classes (when
 * known) as the API will; the first message per field.
 */
export function validateJobForm(state: JobFormState, labels?: readonly Label[]): { body: CreateJobBody | null; errors: FieldErrors } {
  const errors: FieldErrors = {};
  const result = CreateJobBody.safeParse(toCreateJobBody(state));
  if (!result.success) {
    for (const issue of result.error.issues) {
      const field = issue.path.map(String).join(".") || "form";
      errors[field] ??= issue.message;
    }
  }
  for (const { key, label } of NUMERIC_HYPERPARAMETERS) {
    const text = state.hyperparameters[key].trim();
    if (text === "" || !Number.isFinite(Number(text))) errors[`hyperparameters.${key}`] = `${label} must be a number`;
  }
  const topLayers = state.loraTopLayers.trim();
  if (topLayers !== "" && !Number.isFinite(Number(topLayers))) {
    errors["hyperparameters.loraTopLayers"] = "Top blocks must be a whole number of blocks, or empty to adapt every block";
  }
  const patience = state.earlyStoppingPatience.trim();
  if (patience !== "" && !Number.isFinite(Number(patience))) {
    errors["hyperparameters.earlyStoppingPatience"] = "Patience must be a whole number of evaluations, or empty for no early stopping";
  }
  if (labels) {
    for (const [field, message] of Object.entries(checkLabelWordInputs(state.labelWords, labels).errors)) errors[field] ??= message;
  }
  // The trainer splits the template at {sentence}: a second one would be sent to the model literally.
  if (!errors.promptTemplate && state.promptTemplate.split("{sentence}").length > 2) {
    errors.promptTemplate = "the prompt template must contain {sentence} only once";
  }
  return { body: Object.keys(errors).length === 0 && result.success ? result.data : null, errors };
}
