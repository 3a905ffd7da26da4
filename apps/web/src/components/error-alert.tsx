import type { ReactNode } from "react";

/** The red box a page shows when something could not be loaded or done (announced as an alert). */
export function ErrorAlert({ children }: { children: ReactNode }) {
  return (
    <div role="alert" className="rounded-md border border-red-200 bg-red-50 px-4 py-3 text-sm text-red-800">
      {children}
    </div>
  );
}
