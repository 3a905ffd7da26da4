import type { ReferenceOperation } from "../operations";
import { describeSchema } from "../operations";
import { MethodBadge } from "./method-badge";
import { SchemaDetails } from "./schema-details";

/** Descriptions use `backticks` for code, as in Markdown. */
export function InlineCode({ text }: { text: string }) {
  return (
    <>
      {text.split(/(`[^`]+`)/).map((part, index) =>
        part.startsWith("`") && part.endsWith("`") && part.length > 1 ? (
          <code key={index} className="rounded bg-slate-100 px-1 font-mono text-[0.85em]">
            {part.slice(1, -1)}
          </code>
        ) : (
          part
        ),
      )}
    </>
  );
}

export function OperationCard({ operation }: { operation: ReferenceOperation }) {
  return (
    <article id={operation.anchor} aria-label={`${operation.method.toUpperCase()} ${operation.path}`} className="scroll-mt-4 rounded-lg border border-slate-200 bg-white p-4">
      <header className="flex flex-wrap items-center gap-3">
        <MethodBadge method={operation.method} />
        <code className="font-mono text-sm font-semibold text-slate-900">{operation.path}</code>
        <span className="text-sm text-slate-600">{operation.summary}</span>
        <span
          className={`ml-auto rounded-full px-2 py-0.5 text-xs ${operation.isPublic ? "bg-slate-100 text-slate-600" : "bg-indigo-50 text-indigo-700"}`}
        >
          {operation.isPublic ? "public" : "bearer token"}
        </span>
      </header>
      {operation.description && <p className="mt-2 text-sm text-slate-700">
          <InlineCode text={operation.description} />
        </p>}

      {operation.parameters.length > 0 && (
        <table className="mt-3 w-full text-left text-xs">
          <caption className="sr-only">Parameters</caption>
          <thead className="text-slate-500">
            <tr>
              <th className="py-1 pr-3 font-medium">Parameter</th>
              <th className="py-1 pr-3 font-medium">In</th>
              <th className="py-1 pr-3 font-medium">Schema</th>
              <th className="py-1 font-medium">Description</th>
            </tr>
          </thead>
          <tbody>
            {operation.parameters.map((parameter) => (
              <tr key={`${parameter.in}-${parameter.name}`} className="border-t border-slate-100 align-top">
                <td className="py-1 pr-3 font-mono text-slate-900">
                  {parameter.name}
                  {parameter.required && <span className="text-rose-600" title="required">*</span>}
                </td>
                <td className="py-1 pr-3 text-slate-600">{parameter.in}</td>
                <td className="py-1 pr-3 font-mono text-slate-700">{describeSchema(parameter.schema)}</td>
                <td className="py-1 text-slate-600">{parameter.description}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      {operation.requestBody && (
        <SchemaDetails
          label={`Request body (${operation.requestBody.contentType})`}
          schemaName={operation.requestBody.schemaName}
          schema={operation.requestBody.schema}
        />
      )}

      <ul className="mt-3 space-y-1">
        {operation.responses.map((response) => (
          <li key={response.status} className="text-xs">
            <span className={`mr-2 font-mono font-semibold ${Number(response.status) >= 400 ? "text-rose-700" : "text-emerald-700"}`}>
              {response.status}
            </span>
            <span className="text-slate-700">
              <InlineCode text={response.description} />
            </span>
            {response.contents.map((content) =>
              Number(response.status) >= 400 ? null : (
                <SchemaDetails
                  key={content.contentType}
                  label={content.contentType === "text/event-stream" ? "text/event-stream, each event's data" : content.contentType}
                  schemaName={content.schemaName}
                  schema={content.schema}
                />
              ),
            )}
          </li>
        ))}
      </ul>

      <pre className="mt-3 overflow-x-auto rounded-md bg-slate-900 px-3 py-2 text-xs leading-5 text-slate-100" aria-label="curl example">
        {operation.curl}
      </pre>
    </article>
  );
}
