// Reading what a request carries, for apiRoute: the body within its size limit, the query string
// through the route's declared schema. Malformed input is a 4xx, never a crash.
import type { z } from "zod";
import { ApiError } from "./api-error";
import { getWebEnv } from "./env";

/** JSON bodies are small (a job's settings, a prompt); uploads have MAX_UPLOAD_BYTES. */
export const MAX_JSON_BODY_BYTES = 1024 * 1024;
// The multipart envelope around the file(s) and the form's text fields.
const MULTIPART_OVERHEAD_BYTES = 1024 * 1024;

const bodyTooLarge = (limit: number) =>
  new ApiError(413, "payload_too_large", `The request body is larger than the limit of ${limit} bytes.`);

/** A declared length over the limit is refused before any byte is read. */
export function rejectOversizedBody(request: Request): void {
  const declared = Number(request.headers.get("content-length") ?? 0);
  if (!Number.isFinite(declared) || declared === 0) return;
  const isMultipart = (request.headers.get("content-type") ?? "").toLowerCase().startsWith("multipart/form-data");
  const limit = isMultipart ? getWebEnv().MAX_UPLOAD_BYTES + MULTIPART_OVERHEAD_BYTES : MAX_JSON_BODY_BYTES;
  if (declared > limit) throw bodyTooLarge(limit);
}

/** Parses a JSON body of at most MAX_JSON_BODY_BYTES (counted as it streams in, whatever
 * Content-Length said); malformed JSON is a 400, too large a 413, never a crash. `allowEmpty`: no
 * body at all reads as undefined (a route whose body is optional). */
export async function readJson(request: Request, maxBytes = MAX_JSON_BODY_BYTES, allowEmpty = false): Promise<unknown> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  if (request.body) {
    const reader = request.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      size += value.byteLength;
      if (size > maxBytes) {
        await reader.cancel();
        throw bodyTooLarge(maxBytes);
      }
      chunks.push(value);
    }
  }
  const text = Buffer.concat(chunks).toString("utf8");
  if (allowEmpty && text.trim() === "") return undefined;
  try {
    return JSON.parse(text);
  } catch {
    throw new ApiError(400, "malformed_json", "The request body is not valid JSON.");
  }
}

/** Query strings through zod: empty values count as absent, so `?split=` means "any split". */
export function parseQuery<T extends z.ZodType>(request: Request, schema: T): z.output<T> {
  const entries = [...new URL(request.url).searchParams].filter(([, value]) => value !== "");
  return schema.parse(Object.fromEntries(entries));
}
