import type { ReactNode } from "react";

/** A table's one-cell row in place of rows: "Loading…", or why there are none. */
export function TableNoteRow({ colSpan, children }: { colSpan: number; children: ReactNode }) {
  return (
    <tr>
      <td colSpan={colSpan} className="px-4 py-8 text-center text-sm text-slate-500">
        {children}
      </td>
    </tr>
  );
}

/** Under a table: why its rows could not be loaded. */
export function TableLoadError({ what, error }: { what: string; error: Error | null }) {
  if (!error) return null;
  return (
    <p role="alert" className="px-4 py-3 text-sm text-red-800">
      The {what} could not be loaded: {error.message}
    </p>
  );
}
