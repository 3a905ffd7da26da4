// The new-job form's sweep mode: the values to try per hyperparameter, typed as lists, turned into
// a CreateSweepBody beside the job's own body and checked as the API will (the contract's schema
// and @loraboard/domain's job count), with errors keyed by the API's dotted field names.
import { CreateSweepBody, type CreateJobBody, type SweepMetric } from "@loraboard/contracts";
import { countSweepJobs, sweepPlanIssues, type SweepStrategy } from "@loraboard/domain";

export interface SweepFormState {
  learningRate: string;
  loraR: string;
  epochs: string;
  /** One set of modules per line ("q_proj v_proj" or "q_proj,v_proj"). */
  targetModules: string;
  strategy: SweepStrategy;
  samples: string;
  seed: string;
  metric: SweepMetric;
}

export const SWEEP_LIST_FIELDS: { key: "learningRate" | "loraR" | "epochs"; label: string; hint: string; placeholder: string }[] = [
  { key: "learningRate", label: "Learning rates to try", hint: "comma-separated, e.g. 1e-3, 2e-3", placeholder: "0.001, 0.002" },
  { key: "loraR", label: "LoRA ranks to try", hint: "comma-separated, e.g. 4, 8, 16", placeholder: "4, 8" },
  { key: "epochs", label: "Epochs to try", hint: "comma-separated, fractions allowed", placeholder: "1, 2" },
];

export function initialSweepState(): SweepFormState {
  return { learningRate: "", loraR: "", epochs: "", targetModules: "", strategy: "grid", samples: "4", seed: "0", metric: "valAccuracy" };
}

const splitList = (text: string) => text.split(/[,\s]+/).map((item) => item.trim()).filter(Boolean);
const toNumber = (text: string) => (text.trim() === "" ? Number.NaN : Number(text));

/** The space as typed: a list only for the hyperparameters given values. */
export function toSweepSpace(state: SweepFormState) {
  const space: Record<string, unknown> = {};
  for (const { key } of SWEEP_LIST_FIELDS) {
    const items = splitList(state[key]);
    if (items.length > 0) space[key] = items.map(toNumber);
  }
  const sets = state.targetModules.split("\n").map(splitList).filter((set) => set.length > 0);
  if (sets.length > 0) space.targetModules = sets;
  return space;
}

export function toCreateSweepBody(job: CreateJobBody | Record<string, unknown>, state: SweepFormState) {
  return {
    ...job,
    space: toSweepSpace(state),
    strategy: state.strategy,
    ...(state.strategy === "random" ? { samples: toNumber(state.samples), seed: toNumber(state.seed) } : {}),
    metric: state.metric,
  };
}

/** How many jobs the typed sweep makes (0 while a list has something that is not a number). */
export function sweepJobCount(state: SweepFormState): number {
  const parsed = CreateSweepBody.shape.space.safeParse(toSweepSpace(state));
  if (!parsed.success) return 0;
  return countSweepJobs(parsed.data, { strategy: state.strategy, samples: toNumber(state.samples) || undefined });
}

/** The body to send (null while something is wrong) and the first error per field. */
export function validateSweepForm(job: CreateJobBody | Record<string, unknown>, state: SweepFormState) {
  const errors: Record<string, string> = {};
  const result = CreateSweepBody.safeParse(toCreateSweepBody(job, state));
  if (!result.success) {
    for (const issue of result.error.issues) {
      const [first, second] = issue.path.map(String);
      // Errors of the space are shown on its list ("space.learningRate"), not on one item of it.
      const field = first === "space" && second ? `space.${second}` : first === "space" ? "space" : issue.path.map(String).join(".") || "form";
      errors[field] ??= issue.message;
    }
  }
  if (state.strategy === "random" && state.samples.trim() === "") errors.samples ??= "give samples: how many combinations to draw";
  if (result.success) {
    for (const issue of sweepPlanIssues(result.data.space, { strategy: result.data.strategy, samples: result.data.samples, seed: result.data.seed })) {
      errors[issue.field] ??= issue.message;
    }
  }
  return { body: Object.keys(errors).length === 0 && result.success ? result.data : null, errors };
}
