// Turning a model's generated text into a label: shared by the playground and evaluations so both
// count an answer the same way.

/** Spaces, punctuation and symbols (ASCII and full-width) that may precede the label word. */
const LEADING_NOISE = /^[\s\p{P}\p{S}]+/u;

export type LabelWords = { "0": string; "1": string };

/**
 * The label whose word the answer starts with, after leading spaces and punctuation are dropped;
 * null when the answer starts with neither word. When one word is a prefix of the other, the
 * longer match wins (so "不积极" is not read as "不").
 */
export function parseLabel(text: string, labelWords: LabelWords): 0 | 1 | null {
  const answer = text.replace(LEADING_NOISE, "");
  const candidates = (["0", "1"] as const)
    .map((key) => ({ label: Number(key) as 0 | 1, word: labelWords[key].trim() }))
    .filter((candidate) => candidate.word && answer.startsWith(candidate.word))
    .sort((a, b) => b.word.length - a.word.length);
  return candidates[0]?.label ?? null;
}
