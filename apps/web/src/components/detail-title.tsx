import Link from "next/link";
import type { ReactNode } from "react";

/** The breadcrumb ("Jobs / <id>") and the h1 at the top of a detail page's header. */
export function DetailTitle(props: { parentHref: string; parentLabel: string; id: string; titleId: string; children: ReactNode }) {
  return (
    <>
      <p className="text-xs text-slate-500">
        <Link href={props.parentHref} className="hover:underline">
          {props.parentLabel}
        </Link>{" "}
        / <span className="font-mono">{props.id}</span>
      </p>
      <h1 id={props.titleId} className="mt-1 truncate text-2xl font-semibold tracking-tight text-slate-900">
        {props.children}
      </h1>
    </>
  );
}
