// Text that cannot be stored (NUL, lone surrogate; see @loraboard/domain storable-text) is refused
// where it enters, naming where it was, rather than failing as a 500 in a query: route bodies with
// 422, a query parameter or a path segment with 400.
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

/** Every route's query parameters and path segments (`context.params`), checked before the handler runs. */
export async function rejectUnstorableRequestParts(request: Request, context: unknown): Promise<void> {
  const query = Object.fromEntries(new URL(request.url).searchParams);
  const params = (context as { params?: Promise<unknown> } | undefined)?.params;
  const found = findUnstorableText({ query, path: params ? await params : {} });
  if (!found) return;
  const where = found.path.join(".");
  throw new ApiError(400, "malformed_request", `The request's ${where} ${found.reason}.`, [{ field: where, message: found.reason }]);
}
