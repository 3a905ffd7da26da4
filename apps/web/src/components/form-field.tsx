// The one labelled field of every form: label, control, hint and error, tied together for screen
// readers. A plain text box by default; any other control (select, textarea) through `children`.
import type { InputHTMLAttributes, ReactNode } from "react";

export const INPUT_CLASS =
  "block w-full rounded-md border border-slate-300 bg-white px-2.5 py-1.5 text-sm shadow-sm aria-[invalid=true]:border-red-500 aria-[invalid=true]:bg-red-50/40 disabled:bg-slate-100";

export interface FieldAria {
  id: string;
  "aria-invalid": boolean;
  "aria-describedby"?: string;
}

type FormFieldProps = Omit<InputHTMLAttributes<HTMLInputElement>, "id" | "children"> & {
  id: string;
  label: ReactNode;
  error?: string | null;
  /** A line under the control (e.g. a rule); replaced by the error while there is one. */
  hint?: ReactNode;
  /** Renders the control; without it the field is an <input> given the remaining props. */
  children?: (aria: FieldAria) => ReactNode;
};

export function FormField({ id, label, error, hint, className, children, ...input }: FormFieldProps) {
  const describedBy = [input["aria-describedby"], error ? `${id}-error` : null, hint && !error ? `${id}-hint` : null].filter(Boolean).join(" ");
  const aria: FieldAria = { id, "aria-invalid": Boolean(error), "aria-describedby": describedBy || undefined };
  return (
    <div className={className}>
      <label htmlFor={id} className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      <div className="mt-1">{children ? children(aria) : <input {...input} {...aria} className={INPUT_CLASS} />}</div>
      {hint && !error && (
        <p id={`${id}-hint`} className="mt-1 text-xs text-slate-500">
          {hint}
        </p>
      )}
      <FieldError id={`${id}-error`} error={error} />
    </div>
  );
}

/** A new password's box, with the API's rule (at least 10 characters) as its hint. */
export function NewPasswordField(props: Omit<FormFieldProps, "type" | "hint" | "minLength" | "autoComplete" | "children">) {
  return <FormField {...props} type="password" hint="At least 10 characters." autoComplete="new-password" required minLength={10} />;
}

/** A field's error line, for controls that are not a FormField (a group of checkboxes or radios). */
export function FieldError({ id, error }: { id: string; error?: string | null }) {
  if (!error) return null;
  return (
    <p id={id} className="mt-1 text-xs font-medium text-red-700">
      {error}
    </p>
  );
}

/** The form-level error (what no field shows), announced when it appears. */
export function FormError({ id, error, className = "" }: { id: string; error: string | null; className?: string }) {
  if (!error) return null;
  return (
    <p id={id} role="alert" className={`rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800 ${className}`}>
      {error}
    </p>
  );
}
