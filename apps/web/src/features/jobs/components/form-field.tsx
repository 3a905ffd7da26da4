import type { ReactNode } from "react";

/** A labelled control with its hint and its error, tied together for screen readers. */
export function FormField(props: {
  id: string;
  label: string;
  error?: string | null;
  hint?: ReactNode;
  className?: string;
  children: (aria: { id: string; "aria-invalid": boolean; "aria-describedby"?: string }) => ReactNode;
}) {
  const describedBy = [props.error ? `${props.id}-error` : null, props.hint ? `${props.id}-hint` : null].filter(Boolean).join(" ");
  return (
    <div className={props.className}>
      <label htmlFor={props.id} className="block text-sm font-medium text-slate-800">
        {props.label}
      </label>
      <div className="mt-1">{props.children({ id: props.id, "aria-invalid": Boolean(props.error), "aria-describedby": describedBy || undefined })}</div>
      {props.hint && !props.error && (
        <p id={`${props.id}-hint`} className="mt-1 text-xs text-slate-500">
          {props.hint}
        </p>
      )}
      {props.error && (
        <p id={`${props.id}-error`} className="mt-1 text-xs font-medium text-red-700">
          {props.error}
        </p>
      )}
    </div>
  );
}

export const INPUT_CLASS =
  "block w-full rounded-md border border-slate-300 bg-white px-2.5 py-1.5 text-sm shadow-sm aria-[invalid=true]:border-red-500 aria-[invalid=true]:bg-red-50/40 disabled:bg-slate-100";
