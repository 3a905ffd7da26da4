// The OpenAPI 3.1 description of the HTTP API (docs/api.md), built from the route
// declarations (./route-declaration.ts): the same zod schemas that apiRoute enforces. The app
// collects the declarations (apps/web/src/server/routes) and passes them here; GET
// /api/openapi.json serves the result and the dashboard's API reference renders it. Pure.
import { z } from "zod";
import { ApiErrorBody } from "./api/common";
import { WEBHOOK_HEADERS, WEBHOOK_MAX_ATTEMPTS, WebhookPayload } from "./api/webhooks";
import { named, openApiPath, type NamedSchema, type RouteAccess, type RouteDeclaration } from "./route-declaration";

const ERROR_DESCRIPTIONS: Record<number, string> = {
  400: "Malformed input (not JSON, not a readable file).",
  401: "No valid credentials: sign in, or send `Authorization: Bearer <token>` (a personal API token, or API_TOKEN).",
  403: "Not allowed: an admin-only route, a personal API token on a route that needs a signed-in session, or a cookie-authenticated change from another site.",
  404: "No such resource.",
  409: "Conflicts with the current state.",
  413: "Too large (uploads: MAX_UPLOAD_BYTES; JSON bodies: 1 MiB).",
  422: "Valid JSON that breaks a rule; `issues` lists every problem.",
  429: "Too many: failed sign-ins for this email or address, or live streams open for this account (MAX_LIVE_STREAMS_PER_USER), or jobs queued and running for it (MAX_ACTIVE_JOBS_PER_USER, `too_many_jobs`); `Retry-After` says when to try again (none for jobs: they free up as they finish).",
  503: "A dependency (Redis, Postgres or the inference server) is down.",
  507: "The server's disk is full; nothing was stored.",
};

export const API_TAGS = [
  { name: "Health", description: "Whether Postgres, Redis, the inference server and the workers are up." },
  { name: "Session", description: "Signing in with email and password (an httpOnly session cookie), and the one-time setup." },
  { name: "API tokens", description: "Personal tokens for scripts: shown once, stored hashed, revocable." },
  { name: "Users", description: "Admin only: accounts, roles and everyone's tokens." },
  { name: "Datasets", description: "Upload labelled sentences; browse rows and statistics." },
  { name: "Base models", description: "Models the jobs fine-tune, and the prompt preview." },
  { name: "Jobs", description: "LoRA fine-tune jobs: queue, watch live, cancel, retry." },
  { name: "Sweeps", description: "Groups of jobs over a few hyperparameters, ranked by a validation metric; promote the winner." },
  { name: "Adapters", description: "Trained adapters and loading them into the inference server." },
  { name: "Playground", description: "Prompt a base model or an adapter." },
  { name: "Evaluations", description: "Accuracy reports on a dataset split." },
  { name: "Webhooks", description: "Your URLs that get a signed POST when your jobs and evaluations change status; their delivery log." },
  { name: "Meta", description: "This description." },
] as const;

/** The error statuses each kind of access adds to every route that has it. */
export const ACCESS_ERRORS: Record<RouteAccess, number[]> = { public: [], member: [401], session: [401, 403], admin: [401, 403] };
const METHOD_ORDER = ["GET", "POST", "PUT", "PATCH", "DELETE"];


type JsonSchema = Record<string, unknown>;

/** zod → JSON Schema draft 2020-12 (the dialect of OpenAPI 3.1). */
export function toJsonSchema(schema: z.ZodType, io: "input" | "output"): JsonSchema {
  const json = z.toJSONSchema(schema, {
    target: "draft-2020-12",
    io,
    unrepresentable: "any",
    // Responses may gain fields (API.md: "extend freely"), so they are not closed.
    override: (ctx) => {
      if (io === "output" && ctx.jsonSchema.additionalProperties === false) delete ctx.jsonSchema.additionalProperties;
    },
  }) as JsonSchema;
  delete json.$schema;
  if (json.$defs) throw new Error("openapi: a schema produced $defs; give it a name in its route declaration instead");
  return json;
}

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

export interface OpenApiDocument {
  openapi: "3.1.0";
  info: { title: string; version: string; description: string };
  servers: Array<{ url: string; description?: string }>;
  security: Array<Record<string, string[]>>;
  tags: Array<{ name: string; description: string }>;
  paths: Record<string, Record<string, JsonSchema>>;
  /** What the server POSTs to webhooks (OpenAPI 3.1 `webhooks`). */
  webhooks: Record<string, Record<string, JsonSchema>>;
  components: { schemas: Record<string, JsonSchema>; securitySchemes: Record<string, JsonSchema> };
}

/** The OpenAPI 3.1 document of the declared routes, ordered by tag, then path, then method. Same
 * input, same output (no clock, no environment). */
export function buildOpenApiDocument(routes: readonly RouteDeclaration[]): OpenApiDocument {
  const schemas: Record<string, JsonSchema> = { ApiErrorBody: toJsonSchema(ApiErrorBody, "output") };
  const owners = new Map<string, z.ZodType>([["ApiErrorBody", ApiErrorBody]]);
  const component = ({ name, schema }: NamedSchema, io: "input" | "output") => {
    const owner = owners.get(name);
    if (owner && owner !== schema) throw new Error(`openapi: two schemas named ${name}`);
    if (!owner) {
      owners.set(name, schema);
      schemas[name] = toJsonSchema(schema, io);
    }
    return ref(name);
  };

  const paths: OpenApiDocument["paths"] = {};
  for (const route of [...routes].filter((r) => !r.undocumented).sort(byTagPathMethod)) {
    const parameters = parametersOf(route);
    const operation: JsonSchema = {
      operationId: route.operationId,
      tags: [route.tag],
      summary: route.summary,
      ...(route.description ? { description: route.description } : {}),
      ...(parameters.length ? { parameters } : {}),
      ...(route.body
        ? {
            requestBody: {
              required: !route.body.isOptional,
              content: {
                [route.body.contentType]: {
                  schema: component(route.body.schema, "input"),
                  ...(route.body.example !== undefined ? { example: route.body.example } : {}),
                },
              },
            },
          }
        : {}),
      responses: responsesOf(route, (named) => component(named, "output")),
      ...(route.access === "public" ? { security: [] } : {}),
    };
    const item = (paths[openApiPath(route.path)] ??= {});
    const method = route.method.toLowerCase();
    if (item[method]) throw new Error(`openapi: ${route.method} ${route.path} is declared twice`);
    item[method] = operation;
  }

  const webhooks = { statusChanged: { post: webhookOperation(component(named("WebhookPayload", WebhookPayload), "output")) } };

  return {
    openapi: "3.1.0",
    info: {
      title: "loraboard API",
      version: "1.0.0",
      description:
        "LoRA fine-tuning of open LLMs: datasets, queued training with live metrics, hot-loaded adapters, a playground and accuracy reports. JSON bodies with camelCase fields; ids are strings; times are ISO-8601. Errors are `{\"error\": {\"code\", \"message\", \"issues\"?}}`. Every route but health, sign-in and the one-time setup needs a signed-in browser session or `Authorization: Bearer <token>`: a personal API token (Settings → API tokens) or, when the server sets it, the bootstrap API_TOKEN (acts as an admin). Admin-only routes answer 403 to members.",
    },
    servers: [{ url: "/", description: "This dashboard" }],
    security: [{ bearerAuth: [] }, { sessionCookie: [] }],
    tags: API_TAGS.map((tag) => ({ ...tag })),
    paths,
    webhooks,
    components: {
      schemas,
      securitySchemes: {
        bearerAuth: { type: "http", scheme: "bearer", description: "A personal API token (lbt_…), or the server's API_TOKEN when set (see .env)." },
        sessionCookie: { type: "apiKey", in: "cookie", name: "loraboard.session_token", description: "Set by POST /api/session after signing in (__Secure- prefixed on https)." },
      },
    },
  };
}

/** The request a webhook receives (docs/webhooks.md). */
function webhookOperation(payload: JsonSchema): JsonSchema {
  const header = (name: string, description: string) => ({ name, in: "header", required: true, description, schema: { type: "string" } });
  return {
    operationId: "webhookStatusChanged",
    tags: ["Webhooks"],
    summary: "A job or evaluation you started changed status (or a test ping)",
    description:
      "POSTed to each of your webhooks subscribed to the event (POST /api/webhooks). Verify the signature before trusting the body: " +
      "HMAC-SHA256 of `<t>.<raw body>` with the webhook's secret, in hex, must equal `v1`, and `t` should be recent. " +
      `Any answer but 2xx (or none within 10 s) is tried again, with exponential backoff, ${WEBHOOK_MAX_ATTEMPTS} attempts in all; redirects are not followed.`,
    parameters: [
      header(WEBHOOK_HEADERS.signature, "`t=<unix seconds>,v1=<hex HMAC-SHA256 of \"<t>.<body>\" keyed with the webhook's secret>`."),
      header(WEBHOOK_HEADERS.event, "The event: job.<status>, evaluation.<status> or ping."),
      header(WEBHOOK_HEADERS.delivery, "The delivery's id, the same on every retry: use it to ignore repeats."),
    ],
    requestBody: { required: true, content: { "application/json": { schema: payload } } },
    responses: { "2XX": { description: "Received; the delivery is marked succeeded." } },
  };
}

const tagIndex = (tag: string) => API_TAGS.findIndex((known) => known.name === tag);

function byTagPathMethod(a: RouteDeclaration, b: RouteDeclaration): number {
  return (
    tagIndex(a.tag) - tagIndex(b.tag) ||
    a.path.localeCompare(b.path) ||
    METHOD_ORDER.indexOf(a.method) - METHOD_ORDER.indexOf(b.method)
  );
}

/** Path segments, then the query schema's fields, then the documented headers. */
function parametersOf(route: RouteDeclaration): JsonSchema[] {
  const parameters: JsonSchema[] = [];
  for (const match of openApiPath(route.path).matchAll(/\{(\w+)\}/g)) {
    parameters.push({ name: match[1], in: "path", required: true, schema: { type: "string" } });
  }
  if (route.query) {
    const query = toJsonSchema(route.query, "input");
    const required = new Set((query.required as string[] | undefined) ?? []);
    for (const [name, schema] of Object.entries((query.properties ?? {}) as Record<string, JsonSchema>)) {
      const { description, ...rest } = schema;
      parameters.push({ name, in: "query", required: required.has(name), schema: rest, ...(description ? { description } : {}) });
    }
  }
  for (const header of route.headers ?? []) {
    parameters.push({ name: header.name, in: "header", required: false, description: header.description, schema: { type: "string" } });
  }
  return parameters;
}

/** The declared successes, then every error status: the declared ones and those of the access. */
function responsesOf(route: RouteDeclaration, component: (named: NamedSchema) => JsonSchema): JsonSchema {
  const responses: JsonSchema = {};
  for (const [status, spec] of Object.entries(route.responses)) {
    const content: JsonSchema = {};
    if (spec.json) content["application/json"] = { schema: component(spec.json) };
    if (spec.anyJson) content["application/json"] = { schema: { type: "object" } };
    if (spec.eventStream) {
      content["text/event-stream"] = {
        schema: { type: "string", description: spec.eventStream.description },
        "x-event-data": component(spec.eventStream.data),
      };
    }
    if (spec.csv) content["text/csv"] = { schema: { type: "string", description: spec.csv.description } };
    if (spec.zip) content["application/zip"] = { schema: { type: "string", format: "binary", description: spec.zip.description } };
    const headers = Object.entries(spec.headers ?? {}).map(([name, h]) => [name, { description: h.description, schema: { type: "string" } }]);
    responses[status] = {
      description: spec.description,
      ...(headers.length ? { headers: Object.fromEntries(headers) } : {}),
      ...(Object.keys(content).length ? { content } : {}),
    };
  }
  const errors = new Set([...(route.errors ?? []), ...ACCESS_ERRORS[route.access]]);
  for (const status of [...errors].sort((a, b) => a - b)) {
    responses[String(status)] = { description: ERROR_DESCRIPTIONS[status] ?? "Error.", content: { "application/json": { schema: ref("ApiErrorBody") } } };
  }
  return responses;
}
