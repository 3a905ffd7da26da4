import Link from "next/link";
import type { ReactNode } from "react";
import { PRIMARY_BUTTON } from "./styles";

/** A page's title and description; `action` is its primary link ("New job"), `actions` anything else. */
export function PageHeader(props: { title: string; description?: string; action?: { href: string; label: string }; actions?: ReactNode }) {
  return (
    <div className="mb-6 flex flex-wrap items-end justify-between gap-4">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight text-slate-900">{props.title}</h1>
        {props.description && <p className="mt-1 text-sm text-slate-600">{props.description}</p>}
      </div>
      {props.action && (
        <Link href={props.action.href} className={PRIMARY_BUTTON}>
          {props.action.label}
        </Link>
      )}
      {props.actions}
    </div>
  );
}
