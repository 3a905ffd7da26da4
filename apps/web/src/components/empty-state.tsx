import Link from "next/link";
import type { ReactNode } from "react";
import { PRIMARY_BUTTON } from "@/components/styles";

export function EmptyState(props: { title: string; children: ReactNode; action?: { href: string; label: string } }) {
  return (
    <div className="rounded-lg border border-dashed border-slate-300 bg-white px-6 py-12 text-center">
      <h2 className="text-base font-semibold text-slate-900">{props.title}</h2>
      <div className="mx-auto mt-2 max-w-prose text-sm text-slate-600">{props.children}</div>
      {props.action && (
        <Link
          href={props.action.href}
          className={`mt-6 inline-block ${PRIMARY_BUTTON}`}
        >
          {props.action.label}
        </Link>
      )}
    </div>
  );
}
