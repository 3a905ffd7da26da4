import { z } from "zod";

export const BaseModel = z.object({
  id: z.string(),
  name: z.string(),
  path: z.string(),
  servedBy: z.string().nullable(),
  promptTemplate: z.string().nullable().optional(),
});
export type BaseModel = z.infer<typeof BaseModel>;

export const BaseModelListResponse = z.object({ items: z.array(BaseModel) });
export type BaseModelListResponse = z.infer<typeof BaseModelListResponse>;

/** POST /api/base-models/:id/preview: one training example rendered with the model's tokenizer. */
export const BaseModelPreviewBody = z.object({
  promptTemplate: z
    .string()
    .max(4000)
    .refine((template) => template.includes("{sentence}"), "the prompt template must contain {sentence}")
    .refine((template) => template.split("{sentence}").length <= 2, "the prompt template must contain {sentence} only once"),
  labelWords: z.object({ "0": z.string().max(32), "1": z.string().max(32) }),
  sentence: z.string().max(2000),
  /** Which label's word ends the example. */
  label: z.union([z.literal(0), z.literal(1)]).default(1),
});
export const BaseModelPreviewResponse = z.object({
  /** The example as the model sees it: template with the sentence, the label word and EOS. */
  text: z.string(),
  tokenCount: z.number().int(),
  /** Tokens before the answer (the loss covers only the answer and EOS). */
  promptTokenCount: z.number().int(),
});
