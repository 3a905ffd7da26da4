// The frame the long forms share: titled sections, and the row of the form's error, a summary of
// what to fix, Cancel and the submit button.
import Link from "next/link";
import type { ReactNode } from "react";
import { FormError } from "./form-field";
import { PRIMARY_BUTTON } from "./styles";

export function FormSection({ id, title, aside, children }: { id: string; title: string; aside?: ReactNode; children: ReactNode }) {
  return (
    <section aria-labelledby={id} className="rounded-lg border border-slate-200 bg-white p-5">
      <div className="mb-4 flex flex-wrap items-center justify-between gap-3">
        <h2 id={id} className="text-sm font-semibold uppercase tracking-wide text-slate-500">
          {title}
        </h2>
        {aside}
      </div>
      {children}
    </section>
  );
}

export function FormActions(props: {
  errorId: string;
  formError: string | null;
  /** Shown (as an alert) when there is no form error, e.g. "Fix the field marked in red." */
  summary: string | null;
  cancelHref: string;
  isBusy: boolean;
  isDisabled?: boolean;
  submitLabel: string;
  busyLabel: string;
}) {
  return (
    <div className="flex flex-wrap items-center justify-end gap-3">
      <FormError id={props.errorId} error={props.formError} className="mr-auto" />
      {props.summary && !props.formError && (
        <p role="alert" className="mr-auto text-sm text-red-700">
          {props.summary}
        </p>
      )}
      <Link href={props.cancelHref} className="rounded-md px-4 py-2 text-sm font-medium text-slate-700 hover:bg-slate-100">
        Cancel
      </Link>
      <button type="submit" disabled={props.isBusy || props.isDisabled} className={PRIMARY_BUTTON}>
        {props.isBusy ? props.busyLabel : props.submitLabel}
      </button>
    </div>
  );
}

/** The hint of a dataset picker when there is nothing to pick. */
export function NoDatasetsHint({ href, testId }: { href: string; testId?: string }) {
  return (
    <span data-testid={testId}>
      No datasets yet:{" "}
      <Link href={href} className="font-medium text-indigo-700 underline">
        upload one
      </Link>{" "}
      first.
    </span>
  );
}
