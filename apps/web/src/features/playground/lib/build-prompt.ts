import { renderPrompt, toServingPrompt } from "@loraboard/domain";

/** The prompt the inference server receives: a sentence through the template, or a raw prompt as typed. */
export function buildPrompt(input: { sentence?: string; prompt?: string }, template: string): string {
  if (input.prompt !== undefined) return input.prompt;
  return toServingPrompt(renderPrompt(template, input.sentence ?? ""));
}
