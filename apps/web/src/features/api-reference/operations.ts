// Turns the OpenAPI document into what the API reference page shows: operations grouped by tag,
// schemas with their top-level $ref resolved, and a curl command per operation. Pure.
import type { OpenApiDocument } from "@loraboard/contracts";

type Json = Record<string, any>;

export interface ReferenceOperation {
  anchor: string;
  method: string;
  path: string;
  summary: string;
  description?: string;
  isPublic: boolean;
  parameters: Array<{ name: string; in: string; required: boolean; description?: string; schema: Json }>;
  requestBody?: { contentType: string; schemaName?: string; schema: Json; example?: unknown };
  responses: Array<{ status: string; description: string; contents: Array<{ contentType: string; schemaName?: string; schema?: Json }> }>;
  curl: string;
}

export interface ReferenceGroup {
  tag: string;
  description?: string;
  operations: ReferenceOperation[];
}

export const EXAMPLE_BASE_URL = "http://localhost:3000";

function resolve(document: OpenApiDocument, schema: Json | undefined): { schemaName?: string; schema?: Json } {
  const ref = typeof schema?.$ref === "string" ? (schema.$ref as string) : undefined;
  if (!ref) return { schema };
  const name = ref.replace("#/components/schemas/", "");
  return { schemaName: name, schema: document.components.schemas[name] };
}

const shellQuote = (text: string) => `'${text.replace(/'/g, `'\\''`)}'`;

export function curlFor(operation: Omit<ReferenceOperation, "curl" | "anchor">): string {
  const samplePath = operation.path.replace(/\{(\w+)\}/g, (_, name: string) => `<${name}>`);
  const requiredQuery = operation.parameters.filter((p) => p.in === "query" && p.required);
  const query = requiredQuery.length ? `?${requiredQuery.map((p) => `${p.name}=<${p.name}>`).join("&")}` : "";
  const lines = [`curl${operation.method === "get" ? "" : ` -X ${operation.method.toUpperCase()}`} "${EXAMPLE_BASE_URL}${samplePath}${query}"`];
  if (!operation.isPublic) lines.push(`-H "Authorization: Bearer $API_TOKEN"`);
  const body = operation.requestBody;
  if (body?.contentType === "multipart/form-data") {
    const properties = (body.schema.properties ?? {}) as Record<string, Json>;
    for (const [name, schema] of Object.entries(properties)) {
      if (schema.format === "binary") {
        if ((body.schema.required ?? []).includes(name)) lines.push(`-F "${name}=@reviews.jsonl"`);
      } else if (name === "name") {
        lines.push(`-F "name=reviews"`);
      }
    }
  } else if (body) {
    lines.push(`-H "Content-Type: ${body.contentType}"`);
    lines.push(`-d ${shellQuote(JSON.stringify(body.example ?? {}))}`);
  }
  if (operation.responses.some((r) => r.contents.some((c) => c.contentType === "text/event-stream")) && operation.method === "get") {
    lines.splice(1, 0, "-N");
  }
  return lines.join(" \\\n  ");
}

export function groupOperations(document: OpenApiDocument): ReferenceGroup[] {
  const groups = new Map<string, ReferenceGroup>(
    document.tags.map((tag) => [tag.name, { tag: tag.name, description: tag.description, operations: [] as ReferenceOperation[] }]),
  );
  for (const [path, item] of Object.entries(document.paths)) {
    for (const [method, operation] of Object.entries(item as Record<string, Json>)) {
      const tag = (operation.tags?.[0] as string | undefined) ?? "Other";
      if (!groups.has(tag)) groups.set(tag, { tag, operations: [] });
      const bodyEntry = Object.entries((operation.requestBody?.content ?? {}) as Record<string, Json>)[0];
      const requestBody = bodyEntry
        ? (() => {
            const resolved = resolve(document, bodyEntry[1].schema);
            return { contentType: bodyEntry[0], schemaName: resolved.schemaName, schema: resolved.schema ?? {}, example: bodyEntry[1].example };
          })()
        : undefined;
      const responses = Object.entries((operation.responses ?? {}) as Record<string, Json>).map(([status, response]) => ({
        status,
        description: response.description as string,
        contents: Object.entries((response.content ?? {}) as Record<string, Json>).map(([contentType, media]) => {
          const eventData = media["x-event-data"] as Json | undefined;
          return { contentType, ...resolve(document, eventData ?? media.schema) };
        }),
      }));
      const base = {
        method,
        path,
        summary: operation.summary as string,
        description: operation.description as string | undefined,
        isPublic: Array.isArray(operation.security) && operation.security.length === 0,
        parameters: ((operation.parameters ?? []) as Json[]).map((p) => ({
          name: p.name as string,
          in: p.in as string,
          required: Boolean(p.required),
          description: p.description as string | undefined,
          schema: (p.schema ?? {}) as Json,
        })),
        requestBody,
        responses,
      };
      groups.get(tag)!.operations.push({ ...base, anchor: `${method}-${path}`.replace(/[^a-zA-Z0-9]+/g, "-").replace(/-+$/, ""), curl: curlFor(base) });
    }
  }
  return [...groups.values()].filter((group) => group.operations.length > 0);
}

/** A one-line summary of a parameter's schema: type, enum, default, range. */
export function describeSchema(schema: Json): string {
  const parts: string[] = [];
  if (Array.isArray(schema.enum)) parts.push(schema.enum.map((v: unknown) => JSON.stringify(v)).join(" | "));
  else if (schema.type) parts.push(String(schema.type));
  if (schema.minimum !== undefined && schema.minimum > -Number.MAX_SAFE_INTEGER) parts.push(`≥ ${schema.minimum}`);
  if (schema.maximum !== undefined && schema.maximum < Number.MAX_SAFE_INTEGER) parts.push(`≤ ${schema.maximum}`);
  if (schema.default !== undefined) parts.push(`default ${JSON.stringify(schema.default)}`);
  return parts.join(", ");
}
