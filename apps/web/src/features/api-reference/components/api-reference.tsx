import type { OpenApiDocument } from "@loraboard/contracts";
import { groupOperations } from "../operations";
import { MethodBadge } from "./method-badge";
import { OperationCard } from "./operation-card";
import { SchemaDetails } from "./schema-details";

export function ApiReference({ document }: { document: OpenApiDocument }) {
  const groups = groupOperations(document);
  return (
    <div className="flex gap-8">
      <nav aria-label="API sections" className="sticky top-4 hidden w-48 shrink-0 self-start text-sm lg:block">
        <ul className="space-y-1">
          {groups.map((group) => (
            <li key={group.tag}>
              <a href={`#tag-${group.tag.replace(/\W+/g, "-")}`} className="text-slate-700 hover:text-indigo-700">
                {group.tag}
              </a>
              <span className="ml-1 text-xs text-slate-400">{group.operations.length}</span>
            </li>
          ))}
        </ul>
      </nav>
      <div className="min-w-0 flex-1 space-y-10">
        {groups.map((group) => (
          <section key={group.tag} id={`tag-${group.tag.replace(/\W+/g, "-")}`} aria-labelledby={`heading-${group.tag.replace(/\W+/g, "-")}`} className="scroll-mt-4">
            <h2 id={`heading-${group.tag.replace(/\W+/g, "-")}`} className="text-lg font-semibold text-slate-900">
              {group.tag}
            </h2>
            {group.description && <p className="mb-3 text-sm text-slate-600">{group.description}</p>}
            <ul className="mb-3 space-y-0.5">
              {group.operations.map((operation) => (
                <li key={operation.anchor} className="flex items-center gap-2 text-xs">
                  <MethodBadge method={operation.method} />
                  <a href={`#${operation.anchor}`} className="font-mono text-slate-700 hover:text-indigo-700">
                    {operation.path}
                  </a>
                </li>
              ))}
            </ul>
            <div className="space-y-4">
              {group.operations.map((operation) => (
                <OperationCard key={operation.anchor} operation={operation} />
              ))}
            </div>
          </section>
        ))}
        <section aria-labelledby="heading-errors">
          <h2 id="heading-errors" className="text-lg font-semibold text-slate-900">
            Errors
          </h2>
          <p className="text-sm text-slate-600">Every 4xx and 503 answer has this shape; `issues` lists each problem of the input.</p>
          <SchemaDetails label="Error body" schemaName="ApiErrorBody" schema={document.components.schemas.ApiErrorBody} />
        </section>
      </div>
    </div>
  );
}
