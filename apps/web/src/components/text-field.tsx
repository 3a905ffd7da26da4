import type { InputHTMLAttributes } from "react";
import { TEXT_INPUT } from "./styles";

type TextFieldProps = Omit<InputHTMLAttributes<HTMLInputElement>, "id" | "className"> & {
  id: string;
  label: string;
  /** A line under the box (e.g. a password rule), tied to the input for screen readers. */
  hint?: string;
  className?: string;
};

/** A labelled text box: the label, input and hint markup every form shared. */
export function TextField({ id, label, hint, className, ...input }: TextFieldProps) {
  const hintId = hint ? `${id}-hint` : undefined;
  const describedBy = [input["aria-describedby"], hintId].filter(Boolean).join(" ") || undefined;
  return (
    <div className={className}>
      <label htmlFor={id} className="block text-sm font-medium text-slate-800">
        {label}
      </label>
      <input id={id} {...input} aria-describedby={describedBy} className={TEXT_INPUT} />
      {hint && (
        <p id={hintId} className="mt-1 text-xs text-slate-500">
          {hint}
        </p>
      )}
    </div>
  );
}
