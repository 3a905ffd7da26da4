// Display helpers for the evaluation pages: ratios as percentages, labels as number and name.
import { DEFAULT_LABEL_WORDS } from "@loraboard/contracts";

export type LabelWords = { "0": string; "1": string };

/** 0.8333 → "83.3%"; null or NaN → "—". */
export function formatRatio(value: number | null | undefined, digits = 1): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return "—";
  return `${(value * 100).toFixed(digits)}%`;
}

export const formatCount = (value: number) => value.toLocaleString("en-US");

export function formatRate(samplesPerSecond: number | null | undefined): string {
  if (samplesPerSecond === null || samplesPerSecond === undefined || !Number.isFinite(samplesPerSecond)) return "—";
  return samplesPerSecond >= 100 ? Math.round(samplesPerSecond).toLocaleString("en-US") : samplesPerSecond.toPrecision(3);
}

/** The English meaning of each class; the label word is what the model answers. */
export const CLASS_MEANING = { "0": "negative", "1": "positive" } as const;

export function labelName(label: 0 | 1 | "0" | "1", words: LabelWords = DEFAULT_LABEL_WORDS): string {
  const key = String(label) as "0" | "1";
  return `${key} · ${words[key]} (${CLASS_MEANING[key]})`;
}

export const SPLIT_NAMES = { train: "Train", val: "Validation", test: "Test" } as const;

/** "demo-tiny-zh" stays; a base model id and an adapter name read the same, so the kind is shown apart. */
export function modelKind(evaluation: { adapterId: string | null }): "adapter" | "base model" {
  return evaluation.adapterId ? "adapter" : "base model";
}
