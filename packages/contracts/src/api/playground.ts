// The prompt playground (docs/api.md, "Adapters and serving").
import { z } from "zod";
import { LabelValue } from "./datasets";

export const PlaygroundCompletionBody = z
  .object({
    /** An adapter name or a base model id, as the inference server knows it. */
    model: z.string().trim().min(1, "pick a model"),
    /** The base model this answer is compared with: an adapter trained on another one is refused (422). */
    baseModelId: z.string().trim().min(1).optional(),
    /** Rendered through the adapter's job template, or the base model's. */
    sentence: z.string().min(1, "enter a sentence").max(8000).optional(),
    /** Sent to the model as is. */
    prompt: z.string().min(1, "enter a prompt").max(32000).optional(),
    maxTokens: z.number().int().min(1).max(1024).default(16),
    temperature: z.number().min(0).max(2).default(0),
    stream: z.boolean().default(false),
  })
  .refine((body) => (body.sentence === undefined) !== (body.prompt === undefined), {
    message: "send either `sentence` or `prompt`, not both",
    path: ["sentence"],
  });
export type PlaygroundCompletionBody = z.infer<typeof PlaygroundCompletionBody>;

export const PlaygroundCompletionResponse = z.object({
  text: z.string(),
  /** The class whose word the answer starts with (longest match), or null. */
  label: LabelValue.nullable(),
  model: z.string(),
  /** The exact prompt sent to the inference server. */
  prompt: z.string(),
  /** The same request as a curl against the inference server itself. */
  curl: z.string(),
});
export type PlaygroundCompletionResponse = z.infer<typeof PlaygroundCompletionResponse>;

/**
 * With `stream: true` the route answers `text/event-stream`: first one `event: prompt` (data
 * {prompt, curl}), then `data: {"text": "<delta>"}` per delta, then `event: done` with the full
 * PlaygroundCompletionResponse, or `event: error` with {code, message}.
 */
export const PlaygroundStreamDelta = z.object({ text: z.string() });
export type PlaygroundStreamDelta = z.infer<typeof PlaygroundStreamDelta>;
