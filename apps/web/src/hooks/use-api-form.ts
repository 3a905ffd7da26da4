"use client";
// The one form mechanism: which fields were touched, when client-side errors show, and a refused
// request's problems placed on the fields they name (lib/api-form.ts). Each form keeps its own
// values; this hook keeps what is wrong with them.
import { useState, type ChangeEvent, type FormEvent } from "react";
import { placeFailure, type FormFailure } from "@/lib/api-form";

export interface ApiFormOptions<F extends string> {
  /** The fields the form shows: a server issue naming one is shown under it. */
  fields: readonly F[];
  /** Client-side errors of the current values, keyed by field. */
  errors?: Partial<Record<string, string>>;
  /** API error codes that stand for one field's problem. */
  codeFields?: Partial<Record<string, F>>;
  /** Client errors show once a field is changed (default), or only after a submit. */
  showErrors?: "onChange" | "onSubmit";
  /** Keep the form busy after a successful submit, for forms that navigate away then. */
  staysBusyOnSuccess?: boolean;
}

export function useApiForm<F extends string>(options: ApiFormOptions<F>) {
  const errors = options.errors ?? {};
  const [touched, setTouched] = useState<ReadonlySet<string>>(() => new Set());
  const [isSubmitAttempted, setIsSubmitAttempted] = useState(false);
  const [isSubmitting, setIsSubmitting] = useState(false);
  const [failure, setFailure] = useState<FormFailure<F> | null>(null);
  const clientErrorCount = Object.keys(errors).length;

  function errorFor(field: F): string | null {
    const serverError = failure?.byField[field];
    if (serverError) return serverError;
    const isShown = isSubmitAttempted || (options.showErrors !== "onSubmit" && touched.has(field));
    return isShown ? (errors[field] ?? null) : null;
  }

  /** The user changed a field: its client errors may show, and the server's message for it is stale. */
  function change(field: F) {
    // "labelWords.1" also touches "labelWords", where a schema reports the two words being equal.
    setTouched((current) => new Set(current).add(field).add(field.split(".")[0]!));
    setFailure((current) => {
      if (!current?.byField[field]) return current;
      const byField = { ...current.byField };
      delete byField[field];
      return { ...current, byField };
    });
  }

  /** A submit handler: blocks on client errors (focusing the first), else runs and places a failure. */
  function handleSubmit(run: () => Promise<unknown>) {
    return async (event: FormEvent) => {
      event.preventDefault();
      setIsSubmitAttempted(true);
      setFailure(null);
      if (clientErrorCount > 0) {
        focusFirstInvalid();
        return;
      }
      setIsSubmitting(true);
      try {
        await run();
        if (!options.staysBusyOnSuccess) setIsSubmitting(false);
      } catch (error) {
        setFailure(placeFailure(error, options.fields, options.codeFields));
        setIsSubmitting(false);
        requestAnimationFrame(focusFirstInvalid);
      }
    };
  }

  return {
    errorFor,
    change,
    isTouched: (field: F) => touched.has(field),
    handleSubmit,
    isSubmitting,
    isSubmitAttempted,
    /** How many client errors block the submit, once one was attempted. */
    blockingErrorCount: isSubmitAttempted ? clientErrorCount : 0,
    /** How many fields show the server's refusal. */
    serverErrorCount: Object.keys(failure?.byField ?? {}).length,
    formError: failure?.formError ?? null,
    failure,
    /** Forget a shown failure (e.g. a new file was picked). */
    reset: () => setFailure(null),
  };
}

export type ApiForm<F extends string> = ReturnType<typeof useApiForm<F>>;

/** The values of a form made of plain text boxes, each bound to the form's error and change. */
export function useTextFields<F extends string>(form: ApiForm<F>, initial: Record<F, string>) {
  const [values, setValues] = useState(initial);
  return {
    values,
    reset: () => setValues(initial),
    /** Spread onto a FormField (or a select's props): value, error and onChange. */
    bind: (name: F) => ({
      value: values[name],
      error: form.errorFor(name),
      onChange: (event: ChangeEvent<HTMLInputElement | HTMLSelectElement>) => {
        const value = event.target.value;
        setValues((current) => ({ ...current, [name]: value }));
        form.change(name);
      },
    }),
  };
}

function focusFirstInvalid() {
  document.querySelector<HTMLElement>("[aria-invalid=true]")?.focus();
}
