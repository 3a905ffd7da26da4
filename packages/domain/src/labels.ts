// Turning a model's generated text into a label, and the rules for the words a model answers
// with: shared by the playground, evaluations and job creation so all count an answer the same way.
import { defaultLabelWords, describeLabel, labelFromKey, labelKey, MAX_LABEL_WORD_CHARS, type Label } from "./label-set";

/** Spaces, punctuation and symbols (ASCII and full-width) that may precede the label word. */
const LEADING_NOISE = /^[\s\p{P}\p{S}]+/u;

/** Every class's answer word, by label key: {"0": "消极", "1": "积极"} or {"体育": "体育", ...}. */
export type LabelWords = Record<string, string>;

/**
 * The label whose word the answer starts with, after leading spaces and punctuation are dropped;
 * null when the answer starts with no word. When one word is a prefix of another, the longest
 * match wins (so "不积极" is not read as "不").
 */
export function parseLabel(text: string, labelWords: LabelWords): Label | null {
  const answer = text.replace(LEADING_NOISE, "");
  let best: { key: string; length: number } | null = null;
  for (const [key, rawWord] of Object.entries(labelWords)) {
    const word = rawWord.trim();
    if (word && answer.startsWith(word) && (!best || word.length > best.length)) best = { key, length: word.length };
  }
  return best ? labelFromKey(best.key) : null;
}

export interface LabelWordsCheck {
  /** Problems that refuse the words, each with the label key it is about (field `labelWords.<key>`). */
  errors: { label?: string; message: string }[];
  /** Allowed but worth a look: a word that is the start of another (the longest match wins). */
  warnings: string[];
}

/** Checks a label→word map against a dataset's classes: one non-empty word per class, all distinct. */
export function checkLabelWords(words: LabelWords, labels: readonly Label[]): LabelWordsCheck {
  const errors: LabelWordsCheck["errors"] = [];
  const keys = new Set(labels.map(labelKey));
  for (const key of Object.keys(words)) {
    if (!keys.has(key)) errors.push({ label: key, message: `the dataset has no label ${describeLabel(labelFromKey(key))}` });
  }
  const byWord = new Map<string, Label>();
  for (const label of labels) {
    const key = labelKey(label);
    const word = words[key]?.trim();
    if (!word) {
      errors.push({ label: key, message: `enter the word for label ${describeLabel(label)}` });
      continue;
    }
    if ([...word].length > MAX_LABEL_WORD_CHARS) {
      errors.push({ label: key, message: `the word for label ${describeLabel(label)} must be at most ${MAX_LABEL_WORD_CHARS} characters` });
      continue;
    }
    const other = byWord.get(word);
    if (other !== undefined) {
      errors.push({ label: key, message: `labels ${describeLabel(other)} and ${describeLabel(label)} have the same word ${JSON.stringify(word)}; each class needs its own` });
      continue;
    }
    byWord.set(word, label);
  }
  const warnings: string[] = [];
  for (const [short, shortLabel] of byWord) {
    for (const [long, longLabel] of byWord) {
      if (long !== short && long.startsWith(short)) {
        warnings.push(
          `The word ${JSON.stringify(short)} (label ${describeLabel(shortLabel)}) is the start of ${JSON.stringify(long)} (label ${describeLabel(longLabel)}): an answer starting with ${JSON.stringify(long)} counts as ${describeLabel(longLabel)}.`,
        );
      }
    }
  }
  return { errors, warnings };
}

/** A base model's recommended words when they fit the dataset (one word for each of its labels,
 * nothing else), else the dataset's defaults (defaultLabelWords). */
export function labelWordsForDataset(labels: readonly Label[], recommended?: LabelWords | null): LabelWords {
  if (recommended && Object.keys(recommended).length === labels.length && checkLabelWords(recommended, labels).errors.length === 0) {
    return { ...recommended };
  }
  return defaultLabelWords(labels);
}
