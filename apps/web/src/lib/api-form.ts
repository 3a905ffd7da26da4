// Where a refused request's problems belong on a form: an issue naming one of the form's fields is
// shown under that field, an error code can stand for a field (e.g. dataset_not_found → the
// dataset picker), and everything else is the form's own error. Issues with a row are about a
// file's rows, never about a field of the form.
import type { ApiIssue } from "@loraboard/contracts";
import { ApiClientError } from "./api-client";

export interface FormFailure<F extends string> {
  /** The first message for each field of the form. */
  byField: Partial<Record<F, string>>;
  /** The form-level message: the error's message (unless a field shows it) and the unplaced issues. */
  formError: string | null;
  /** Issues no field shows, for forms that list them (an upload's rows). */
  unplaced: ApiIssue[];
  /** The error's own message and HTTP status (0 when it never reached the server). */
  message: string;
  status: number;
}

export function placeFailure<F extends string>(error: unknown, fields: readonly F[], codeFields: Partial<Record<string, F>> = {}): FormFailure<F> {
  if (!(error instanceof ApiClientError)) {
    const message = error instanceof Error ? error.message : String(error);
    return { byField: {}, formError: message, unplaced: [], message, status: 0 };
  }
  const byField: Partial<Record<F, string>> = {};
  const unplaced: ApiIssue[] = [];
  const codeField = codeFields[error.code];
  if (codeField) byField[codeField] = error.message;
  for (const issue of error.issues) {
    const field = issue.row === undefined ? fields.find((name) => name === issue.field) : undefined;
    if (field) byField[field] ??= issue.message;
    else unplaced.push(issue);
  }
  const parts = [...(codeField ? [] : [error.message]), ...unplaced.map((issue) => (issue.field ? `${issue.field}: ${issue.message}` : issue.message))];
  return { byField, formError: parts.length > 0 ? parts.join(" ") : null, unplaced, message: error.message, status: error.status };
}
