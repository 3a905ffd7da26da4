// Prompt templates: `{sentence}` marks where the review goes, as in the trainer
// (workers/trainer renders training examples the same way, then appends the label word).
import { labelKey, type Label } from "./label-set";

export const SENTENCE_PLACEHOLDER = "{sentence}";

export function renderPrompt(template: string, sentence: string): string {
  return template.split(SENTENCE_PLACEHOLDER).join(sentence);
}

export interface FewShotExample {
  sentence: string;
  label: Label;
}

/**
 * A few-shot prompt as the tutorial's curl builds one: each example rendered through the template
 * and followed by its label word, then the query. Examples are separated by a blank line.
 */
export function renderFewShotPrompt(
  template: string,
  labelWords: Record<string, string>,
  examples: FewShotExample[],
  sentence: string,
): string {
  const shots = examples.map((example) => `${renderPrompt(template, example.sentence)} ${labelWords[labelKey(example.label)]}`);
  return [...shots, renderPrompt(template, sentence)].join("\n\n");
}

/**
 * The prompt as an inference server must receive it. A template's leading literal `<s>` is the
 * BOS token, and the server's tokenizer adds BOS itself (vLLM counts 25 prompt tokens for 24
 * characters), so it is dropped, as the trainer does: the model sees one BOS, as in training.
 */
export function toServingPrompt(prompt: string): string {
  return prompt.replace(/^<s>/, "");
}
