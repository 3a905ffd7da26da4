// The new-job form's label words: one per class of the picked dataset. Words typed for a label are
// kept when the dataset changes to another with that label; the rest start from the defaults.
import { checkLabelWords, defaultLabelWords, labelKey, type Label } from "@loraboard/domain";

export type LabelWordInputs = Record<string, string>;

/** The field a label's word is reported under, as the API names it: `labelWords.<label>`. */
export const labelWordField = (label: Label | string) => `labelWords.${labelKey(label)}`;

/** Inputs for a dataset's classes: the words already typed for its labels, else the defaults. */
export function labelWordInputs(labels: readonly Label[], typed: LabelWordInputs = {}): LabelWordInputs {
  const defaults = defaultLabelWords(labels);
  return Object.fromEntries(labels.map((label) => [labelKey(label), typed[labelKey(label)] ?? defaults[labelKey(label)]!]));
}

/** Field errors (`labelWords.<label>`) and the warnings (a word that starts another) of the inputs. */
export function checkLabelWordInputs(words: LabelWordInputs, labels: readonly Label[]) {
  const trimmed = Object.fromEntries(Object.entries(words).map(([key, word]) => [key, word.trim()]));
  const check = checkLabelWords(trimmed, labels);
  const errors: Record<string, string> = {};
  for (const error of check.errors) errors[error.label === undefined ? "labelWords" : labelWordField(error.label)] ??= error.message;
  // Two words for 0/1 read better as they always did.
  if (labels.length === 2 && trimmed["0"] && trimmed["0"] === trimmed["1"]) errors[labelWordField(1)] = "the two label words must differ";
  return { errors, warnings: check.warnings };
}
