// Reads a multipart upload without ever holding more than the limit: a declared Content-Length
// over it is refused before any byte is read, and bytes are counted as they stream in.
import { ApiError } from "@/server/api-error";

/** Room for multipart boundaries and the small text fields around the file(s). */
const MULTIPART_OVERHEAD_BYTES = 64 * 1024;

export function tooLarge(maxBytes: number): ApiError {
  return new ApiError(
    413,
    "payload_too_large",
    `The upload is larger than the limit of ${formatBytes(maxBytes)} (MAX_UPLOAD_BYTES); split the file or raise the limit.`,
  );
}

export async function readUploadForm(request: Request, maxBytes: number): Promise<FormData> {
  const contentType = request.headers.get("content-type") ?? "";
  if (!/^multipart\/form-data\s*;/i.test(contentType)) {
    throw new ApiError(400, "expected_multipart", "Send the dataset as multipart/form-data with the file in a `file` field.");
  }
  const bodyLimit = maxBytes + MULTIPART_OVERHEAD_BYTES;
  const declared = Number(request.headers.get("content-length") ?? NaN);
  if (Number.isFinite(declared) && declared > bodyLimit) throw tooLarge(maxBytes);
  if (!request.body) throw new ApiError(400, "expected_multipart", "The request has no body: send the file in a `file` field.");

  let received = 0;
  let isOverLimit = false;
  const counted = request.body.pipeThrough(
    new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, controller) {
        received += chunk.byteLength;
        if (received > bodyLimit) {
          isOverLimit = true;
          controller.error(tooLarge(maxBytes));
          return;
        }
        controller.enqueue(chunk);
      },
    }),
  );
  try {
    return await new Response(counted, { headers: { "content-type": contentType } }).formData();
  } catch {
    if (isOverLimit) throw tooLarge(maxBytes);
    throw new ApiError(400, "malformed_multipart", "The multipart body could not be read; send the file in a `file` field.");
  }
}

export function formatBytes(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${Math.round((bytes / (1024 * 1024)) * 10) / 10} MB`;
  if (bytes >= 1024) return `${Math.round((bytes / 1024) * 10) / 10} KB`;
  return `${bytes} bytes`;
}
