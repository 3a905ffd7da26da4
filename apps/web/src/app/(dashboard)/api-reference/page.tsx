import type { Metadata } from "next";
import { PageHeader } from "@/components/page-header";
import { ApiReference } from "@/features/api-reference/components/api-reference";
import { openApiDocument } from "@/server/routes";

export const metadata: Metadata = { title: "API reference" };

export default function ApiReferencePage() {
  const document = openApiDocument();
  return (
    <>
      <PageHeader
        title="API reference"
        description="Every route of the HTTP API, generated from the schemas that validate it. Scripts send Authorization: Bearer $API_TOKEN."
        actions={
          <a href="/api/openapi.json" className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-indigo-700 hover:bg-slate-50">
            OpenAPI 3.1 JSON
          </a>
        }
      />
      <ApiReference document={document} />
    </>
  );
}
