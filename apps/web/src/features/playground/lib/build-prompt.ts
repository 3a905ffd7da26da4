import { renderPrompt } from "@loraboard/domain";

/**
 * The prompt the inference server receives. A template's literal `<s>` is the BOS token and the
 * server's tokenizer adds BOS itself (vLLM counted it: 25 prompt tokens for 24 characters), so
 * the rendered sentence prompt drops it, as the trainer does: never a double BOS. A raw prompt
 * is sent exactly as typed.
 */
export function buildPrompt(input: { sentence?: string; prompt?: string }, template: string): string {
  if (input.prompt !== undefined) return input.prompt;
  return renderPrompt(template, input.sentence ?? "").replace(/^<s>/, "");
}
