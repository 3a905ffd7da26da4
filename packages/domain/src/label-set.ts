// What a label is and how a dataset's classes are named, ordered and worded. A label is an integer
// or a non-empty text (≤ 64 characters); its key (the text form) names it in JSON maps, in the
// database and in label words. Text in an integer's canonical form ("3", "-1") is that integer,
// which keeps CSV files (all text) and JSON files with numbers the same dataset.

export type Label = number | string;

export const MAX_LABEL_CHARS = 64;
export const MIN_CLASSES = 2;
export const MAX_CLASSES = 100;
export const MAX_LABEL_WORD_CHARS = 32;

/** The label words of a binary 0/1 dataset, the tutorial's. */
export const BINARY_LABEL_WORDS: Readonly<Record<string, string>> = { "0": "消极", "1": "积极" };

// 15 digits at most: every such integer survives a round trip through a JS number.
const INTEGER_KEY = /^(0|-?[1-9]\d{0,14})$/;

export function labelKey(label: Label): string {
  return String(label);
}

/** The label a key names: the integer for an integer's canonical text, else the text itself. */
export function labelFromKey(key: string): Label {
  return INTEGER_KEY.test(key) ? Number(key) : key;
}

/** A label as read from a file, or why it is not one. */
export function readLabel(value: unknown): Label | { error: string } {
  if (value === undefined || value === null) return { error: "label is missing" };
  if (typeof value === "number") {
    if (!Number.isInteger(value)) return { error: `label must be an integer or text, got ${value}` };
    if (!INTEGER_KEY.test(String(value))) return { error: `label ${value} is too large: use at most 15 digits, or text` };
    return value;
  }
  if (typeof value === "string") {
    const text = value.trim();
    if (text === "") return { error: "label is missing" };
    if ([...text].length > MAX_LABEL_CHARS) return { error: `label must be at most ${MAX_LABEL_CHARS} characters, got ${[...text].length}` };
    return labelFromKey(text);
  }
  const kind = Array.isArray(value) ? "an array" : typeof value === "object" ? "an object" : String(value);
  return { error: `label must be an integer or text, got ${kind}` };
}

/**
 * The classes of a dataset in report order: a file of only 0s and 1s is binary and always has
 * both (its label words exist for both); otherwise integers ascending, then texts as first seen.
 */
export function orderLabels(labels: Iterable<Label>): Label[] {
  const seen = new Map<string, Label>();
  for (const label of labels) if (!seen.has(labelKey(label))) seen.set(labelKey(label), label);
  const distinct = [...seen.values()];
  if (distinct.every((label) => label === 0 || label === 1)) return [0, 1];
  const integers = distinct.filter((label): label is number => typeof label === "number").sort((a, b) => a - b);
  return [...integers, ...distinct.filter((label) => typeof label === "string")];
}

export function isBinaryLabelSet(labels: readonly Label[]): boolean {
  return labels.length === 2 && labels[0] === 0 && labels[1] === 1;
}

/** Each class's default answer word: 消极/积极 for 0/1, else the label itself. */
export function defaultLabelWords(labels: readonly Label[]): Record<string, string> {
  if (isBinaryLabelSet(labels)) return { ...BINARY_LABEL_WORDS };
  return Object.fromEntries(labels.map((label) => [labelKey(label), labelKey(label)]));
}

/** A short, quoted form of a label for messages: 3 or "体育". */
export function describeLabel(label: Label): string {
  return typeof label === "number" ? String(label) : JSON.stringify(label.length > 40 ? `${label.slice(0, 40)}…` : label);
}
