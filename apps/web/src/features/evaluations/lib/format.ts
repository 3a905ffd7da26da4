// Display helpers for the evaluation pages: ratios as percentages, labels as number and name.
import { DEFAULT_LABEL_WORDS } from "@loraboard/contracts";

/** Each class's answer word, keyed by the label as text. */
export type LabelWords = Record<string, string>;

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

const isBinaryKey = (key: string): key is "0" | "1" => key === "0" || key === "1";

/** "0 · 消极 (negative)" for a 0/1 class; "体育" for a text label answered with itself; "2 · two" otherwise. */
export function labelName(label: string | number, words: LabelWords = DEFAULT_LABEL_WORDS): string {
  const key = String(label);
  const word = words[key];
  if (isBinaryKey(key) && Object.keys(words).length === 2) return `${key} · ${word ?? key} (${CLASS_MEANING[key]})`;
  return word === undefined || word === key ? key : `${key} · ${word}`;
}

/** The words a report shows: the adapter's job's when known, else each class's default (消极/积极 or the label). */
export function reportLabelWords(labels: readonly string[], adapterWords?: LabelWords): LabelWords {
  if (adapterWords) return adapterWords;
  if (labels.length === 2 && labels[0] === "0" && labels[1] === "1") return { ...DEFAULT_LABEL_WORDS };
  return Object.fromEntries(labels.map((label) => [label, label]));
}

export const SPLIT_NAMES = { train: "Train", val: "Validation", test: "Test" } as const;

/** "demo-tiny-zh" stays; a base model id and an adapter name read the same, so the kind is shown apart. */
export function modelKind(evaluation: { adapterId: string | null }): "adapter" | "base model" {
  return evaluation.adapterId ? "adapter" : "base model";
}
