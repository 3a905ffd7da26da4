// A JSON schema behind a disclosure triangle: the component name as the summary, the schema below.
export function SchemaDetails(props: { label: string; schemaName?: string; schema?: Record<string, unknown> }) {
  if (!props.schema) return null;
  return (
    <details className="group mt-2 rounded-md border border-slate-200 bg-slate-50">
      <summary className="cursor-pointer select-none px-3 py-1.5 text-xs font-medium text-slate-700">
        {props.label}
        {props.schemaName && <span className="ml-2 font-mono text-indigo-700">{props.schemaName}</span>}
      </summary>
      <pre className="max-h-96 overflow-auto border-t border-slate-200 px-3 py-2 text-xs leading-5 text-slate-800">
        {JSON.stringify(props.schema, null, 2)}
      </pre>
    </details>
  );
}
