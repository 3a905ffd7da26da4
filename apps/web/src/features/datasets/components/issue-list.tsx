import type { ApiIssue } from "@loraboard/contracts";

/** Every problem the server found, with the row to open in an editor. */
export function IssueList({ title, message, issues }: { title: string; message: string; issues: ApiIssue[] }) {
  return (
    <div role="alert" className="rounded-lg border border-red-200 bg-red-50 p-4" data-testid="upload-errors">
      <h2 className="text-sm font-semibold text-red-900">{title}</h2>
      <p className="mt-1 text-sm text-red-800">{message}</p>
      {issues.length > 0 && (
        <div className="mt-3 max-h-72 overflow-auto rounded-md border border-red-200 bg-white">
          <table className="w-full text-left text-sm">
            <caption className="sr-only">Problems found in the file</caption>
            <thead className="sticky top-0 bg-red-50 text-xs uppercase tracking-wide text-red-900">
              <tr>
                <th scope="col" className="w-20 px-3 py-2">Row</th>
                <th scope="col" className="w-28 px-3 py-2">Field</th>
                <th scope="col" className="px-3 py-2">Problem</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-red-100">
              {issues.map((issue, i) => (
                <tr key={i}>
                  <td className="px-3 py-1.5 tabular-nums text-slate-900">{issue.row ?? "—"}</td>
                  <td className="px-3 py-1.5 font-mono text-xs text-slate-700">{issue.field ?? "—"}</td>
                  <td className="px-3 py-1.5 text-slate-800">{issue.message}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
