// The OpenAPI description (packages/contracts/src/openapi.ts, built from the route declarations
// collected in apps/web/src/server/routes): it is a valid OpenAPI 3.1 document, it lists every
// route of docs/api.md, and every route.ts under apps/web/src/app/api.
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { Ajv2020 } from "ajv/dist/2020";
import addFormats from "ajv-formats";
import { describe, expect, it } from "vitest";
import { openApiPath } from "@loraboard/contracts";
import { openApiDocument, ROUTES } from "@/server/routes";

const root = path.resolve(import.meta.dirname, "..");
const document = openApiDocument();
const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;

function documented(method: string, route: string): boolean {
  return Boolean(document.paths[route]?.[method.toLowerCase()]);
}

describe("the OpenAPI document", () => {
  it("validates against the official OpenAPI 3.1 schema", () => {
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    addFormats(ajv);
    const validate = ajv.compile(JSON.parse(readFileSync(path.join(root, "tests/fixtures/openapi/oas-3.1-schema.json"), "utf8")));
    const valid = validate(JSON.parse(JSON.stringify(document)));
    expect(validate.errors ?? [], JSON.stringify(validate.errors, null, 2)).toEqual([]);
    expect(valid).toBe(true);
    expect(document.openapi).toBe("3.1.0");
  });

  it("has component schemas that are valid JSON Schema 2020-12 and references that resolve", () => {
    const ajv = new Ajv2020({ strict: false });
    addFormats(ajv);
    for (const [name, schema] of Object.entries(document.components.schemas)) {
      expect(ajv.validateSchema(schema), `${name}: ${JSON.stringify(ajv.errors)}`).toBe(true);
    }
    const refs = [...JSON.stringify(document).matchAll(/"\$ref":"#\/components\/schemas\/([^"]+)"/g)].map((m) => m[1]!);
    expect(refs.length).toBeGreaterThan(20);
    for (const name of refs) expect(document.components.schemas, name).toHaveProperty([name]);
  });

  it("is generated from the zod schemas: defaults, enums and limits of the validators appear", () => {
    const createJob = document.components.schemas.CreateJobBody as { properties: Record<string, any>; required: string[] };
    expect(createJob.required).toEqual(["datasetId", "baseModelId"]);
    expect(createJob.properties.hyperparameters.properties.loraR).toMatchObject({ default: 8, minimum: 1, maximum: 256 });
    const job = document.components.schemas.Job as { properties: Record<string, any> };
    expect(job.properties.status.enum).toEqual(["queued", "running", "evaluating", "succeeded", "failed", "cancelled"]);
    const error = document.components.schemas.ApiErrorBody as { properties: Record<string, any> };
    expect(error.properties.error.required).toEqual(["code", "message"]);
  });

  it("needs credentials everywhere but health, sign-in and the one-time setup; 403 on admin routes", () => {
    expect(document.components.securitySchemes.bearerAuth).toMatchObject({ type: "http", scheme: "bearer" });
    expect(document.security).toContainEqual({ bearerAuth: [] });
    for (const [route, item] of Object.entries(document.paths)) {
      for (const [method, operation] of Object.entries(item)) {
        const isPublic = ["get /api/health", "post /api/session", "post /api/setup"].includes(`${method} ${route}`);
        expect(operation.security, `${method} ${route}`).toEqual(isPublic ? [] : undefined);
        const responses = operation.responses as Record<string, any>;
        if (!isPublic) expect(responses["401"].content["application/json"].schema.$ref).toBe("#/components/schemas/ApiErrorBody");
        if (route.startsWith("/api/users")) expect(responses, `${method} ${route}`).toHaveProperty(["403"]);
        for (const [status, response] of Object.entries(responses)) {
          if (Number(status) >= 400) expect(response.content["application/json"].schema.$ref).toBe("#/components/schemas/ApiErrorBody");
        }
      }
    }
  });

  it("describes the multipart upload, the event streams and the CSV export", () => {
    const upload = document.paths["/api/datasets"]!.post as any;
    expect(upload.requestBody.content["multipart/form-data"].schema.$ref).toBe("#/components/schemas/CreateDatasetMultipart");
    const multipart = document.components.schemas.CreateDatasetMultipart as any;
    expect(multipart.properties.file).toMatchObject({ type: "string", format: "binary" });
    expect(multipart.required).toEqual(["file"]);
    expect(Object.keys(multipart.properties)).toEqual(expect.arrayContaining(["testFile", "name", "valFraction", "testFraction", "seed"]));
    expect((document.paths["/api/jobs/{id}/events"]!.get as any).responses["200"].content).toHaveProperty(["text/event-stream"]);
    const completion = (document.paths["/api/playground/completions"]!.post as any).responses["200"].content;
    expect(Object.keys(completion).sort()).toEqual(["application/json", "text/event-stream"]);
    const predictions = document.paths["/api/evaluations/{id}/predictions"]!.get as any;
    expect(Object.keys(predictions.responses["200"].content).sort()).toEqual(["application/json", "text/csv"]);
    expect(predictions.parameters.map((p: { name: string }) => p.name)).toEqual(expect.arrayContaining(["id", "filter", "format"]));
  });

  it("describes what webhooks receive: the signed headers and the payload's shape", () => {
    const operation = document.webhooks.statusChanged!.post as any;
    expect(operation.parameters.map((p: { name: string }) => p.name)).toEqual(["Loraboard-Signature", "Loraboard-Event", "Loraboard-Delivery"]);
    expect(operation.requestBody.content["application/json"].schema.$ref).toBe("#/components/schemas/WebhookPayload");
    const payload = JSON.stringify(document.components.schemas.WebhookPayload);
    for (const event of ["job.succeeded", "evaluation.failed", "ping"]) expect(payload).toContain(`"${event}"`);
  });

  it("lists every route of API.md", () => {
    const apiMd = readFileSync(path.resolve(root, "docs/api.md"), "utf8");
    const routes = [...apiMd.matchAll(/\b(GET|POST|PUT|PATCH|DELETE) (\/api\/[^\s`?]*)/g)].map(([, method, route]) => ({
      method: method!,
      route: route!.replace(/:(\w+)/g, "{$1}"),
    }));
    expect(routes.length).toBeGreaterThanOrEqual(20);
    const missing = routes.filter(({ method, route }) => !documented(method, route)).map(({ method, route }) => `${method} ${route}`);
    expect(missing).toEqual([]);
  });

  it("lists every method of every route.ts under apps/web/src/app/api, and nothing else", () => {
    const apiDir = path.join(root, "apps/web/src/app/api");
    const files = (readdirSync(apiDir, { recursive: true }) as string[])
      .filter((file) => path.basename(file) === "route.ts" && !file.includes("[..."))
      .sort();
    expect(files.length).toBeGreaterThanOrEqual(20);
    const found: string[] = [];
    for (const file of files) {
      const source = readFileSync(path.join(apiDir, file), "utf8");
      const route = `/api/${path.dirname(file)}`.replace(/\/\.$/, "").replace(/\[(\w+)\]/g, "{$1}").split(path.sep).join("/");
      const methods = METHODS.filter((method) =>
        new RegExp(`export\\s+(const|async\\s+function|function)\\s+${method}\\b|\\bas\\s+${method}\\b`).test(source),
      );
      expect(methods.length, `${file} exports no HTTP method`).toBeGreaterThan(0);
      for (const method of methods) found.push(`${method} ${route}`);
    }
    const missing = found.filter((entry) => !documented(entry.split(" ")[0]!, entry.split(" ")[1]!));
    expect(missing).toEqual([]);
    const registered = ROUTES.filter((route) => !route.undocumented).map((route) => `${route.method} ${openApiPath(route.path)}`).sort();
    expect(registered).toEqual([...found].sort());
  });
});
