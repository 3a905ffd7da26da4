// Route bodies are refused with 422 when a string in them cannot be stored (NUL, lone surrogate;
// see @loraboard/domain storable-text), naming the field, rather than failing as a 500 in a query.
import { findUnstorableText } from "@loraboard/domain";
import { ApiError } from "./api-error";

export function rejectUnstorableText(body: unknown): void {
  const found = findUnstorableText(body);
  if (!found) return;
  const field = found.path.join(".") || undefined;
  throw new ApiError(422, "invalid_request", "The request breaks the API's rules: see issues.", [
    { field, message: `${field ?? "the body"} ${found.reason}` },
  ]);
}
