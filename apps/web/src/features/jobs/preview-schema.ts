// The prompt preview's request and response (browser-safe: the new-job form uses them too).
import { z } from "zod";

export const PreviewExampleBody = z.object({
  promptTemplate: z
    .string()
    .max(4000)
    .refine((template) => template.includes("{sentence}"), "the prompt template must contain {sentence}")
    .refine((template) => template.split("{sentence}").length <= 2, "the prompt template must contain {sentence} only once"),
  labelWords: z.object({ "0": z.string().max(32), "1": z.string().max(32) }),
  sentence: z.string().max(2000),
  /** Which label's word ends the example; the preview shows one training example. */
  label: z.union([z.literal(0), z.literal(1)]).default(1),
});
export type PreviewExampleBody = z.input<typeof PreviewExampleBody>;

export const PreviewExampleResponse = z.object({
  /** The example as the model sees it: template with the sentence, the label word and EOS. */
  text: z.string(),
  tokenCount: z.number().int(),
  /** Tokens before the answer (the loss covers only the answer and EOS). */
  promptTokenCount: z.number().int(),
});
export type PreviewExampleResponse = z.infer<typeof PreviewExampleResponse>;
