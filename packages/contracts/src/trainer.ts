// The trainer ⇄ worker protocol (docs/trainer-protocol.md): the spec the worker writes and the
// JSON-lines events the trainer prints. The schemas are generated from the trainer's dataclasses
// (generated/trainer-contract.ts); this file adds what zod cannot say field by field.
import { z } from "zod";
import {
  CROSS_FIELD_RULES,
  HYPERPARAMETER_FIELDS,
  LoraSpec,
  TrainSpecFields,
  TrainerEventSchema,
  TrainingSpec,
} from "./generated/trainer-contract";

export {
  DEFAULT_LABEL_WORDS,
  DEFAULT_PROMPT_TEMPLATE,
  DEMO_MODEL_ID,
  HYPERPARAMETER_FIELDS,
  SMOLLM2_LABEL_WORDS,
  SMOLLM2_MODEL_ID,
  SMOLLM2_PROMPT_TEMPLATE,
  TARGET_MODULES,
} from "./generated/trainer-contract";
export { LoraSpec, TrainingSpec };
export type LoraSpec = z.infer<typeof LoraSpec>;
export type TrainingSpec = z.infer<typeof TrainingSpec>;

/** The spec, checked by the same rules as the trainer's validate() (lora_trainer/contract.py). */
export const TrainerSpec = TrainSpecFields.superRefine((spec, context) => {
  for (const rule of CROSS_FIELD_RULES) {
    const part = spec[rule.object] as Record<string, unknown> | undefined;
    const value = part?.[rule.field];
    if (value === undefined || value === null) continue;
    const where = `${rule.object}.${rule.field}`;
    if ("atLeastField" in rule) {
      const other = part?.[rule.atLeastField];
      if (typeof other === "number" && (value as number) < other) {
        context.addIssue({ code: "custom", path: [rule.object, rule.field], message: `${where} must be at least ${rule.object}.${rule.atLeastField} (${other})` });
      }
    } else if (part?.[rule.needsTrue] !== true) {
      context.addIssue({ code: "custom", path: [rule.object, rule.field], message: `${where} needs ${rule.object}.${rule.needsTrue}: true` });
    }
  }
});
export type TrainerSpec = z.infer<typeof TrainerSpec>;

export const TrainerEvent = TrainerEventSchema;
export type TrainerEvent = z.infer<typeof TrainerEvent>;

export type HyperparameterName = keyof typeof HYPERPARAMETER_FIELDS;

/** The spec's `lora` and `training` parts from flat API hyperparameters, by the generated table
 * (each API name's place in the spec): no hand mapping to keep in step. */
export function specFromHyperparameters(hyperparameters: Partial<Record<HyperparameterName, unknown>>): {
  lora: LoraSpec;
  training: TrainingSpec;
} {
  const spec: Record<"lora" | "training", Record<string, unknown>> = { lora: {}, training: {} };
  for (const [name, value] of Object.entries(hyperparameters)) {
    if (value === undefined || !(name in HYPERPARAMETER_FIELDS)) continue;
    const [part, key] = HYPERPARAMETER_FIELDS[name as HyperparameterName].specPath;
    spec[part][key] = value;
  }
  return spec as { lora: LoraSpec; training: TrainingSpec };
}
