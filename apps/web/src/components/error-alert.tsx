import type { ReactNode } from "react";

/** The red box a page shows when something could not be loaded or done (announced as an alert). */
export function ErrorAlert({ children }: { children: ReactNode }) {
  return (
    <div role="alert" className="rounded-md border border-red-200 bg-red-50 px-4 py-3 text-sm text-red-800">
      {children}
    </div>
  );
}

/** What a list shows before it has rows: its load error, or a loading line; null once loaded. */
export function loadingState(query: { error: Error | null; isPending: boolean }, what: string): ReactNode {
  if (query.error) return <ErrorAlert>The {what} could not be loaded: {query.error.message}</ErrorAlert>;
  if (query.isPending) return <p className="text-sm text-slate-500">Loading {what}…</p>;
  return null;
}
