// The OpenAPI 3.1 description of the HTTP API (../shared/design/API.md), generated from the same zod
// schemas that validate the routes. API_ROUTES is the one registry of routes: GET /api/openapi.json
// serves buildOpenApiDocument(), the dashboard's API reference renders it, and tests check that every
// route in API.md and every route.ts under apps/web/src/app/api is listed here. Browser-safe and pure.
import { z } from "zod";
import { AdapterListResponse, Adapter } from "./api/adapters";
import { BaseModel, BaseModelListResponse, BaseModelPreviewBody, BaseModelPreviewResponse, RegisterBaseModelBody } from "./api/base-models";
import {
  ApiTokenSummary,
  ChangePasswordBody,
  CreateApiTokenBody,
  CreatedApiToken,
  CreateUserBody,
  SessionInfo,
  SetupBody,
  SignInBody,
  UpdateUserBody,
  UserSummary,
} from "./api/accounts";
import { ApiErrorBody, listResponse } from "./api/common";
import {
  CreateDatasetFields,
  CreateDatasetResponse,
  DatasetDetail,
  DatasetListQuery,
  DatasetListResponse,
  DatasetRowsQuery,
  DatasetRowsResponse,
} from "./api/datasets";
import {
  CreateEvaluationBody,
  Evaluation,
  EvaluationListQuery,
  EvaluationListResponse,
  PredictionsQuery,
  PredictionsResponse,
} from "./api/evaluations";
import { HealthResponse } from "./api/health";
import {
  CreateJobBody,
  CreateJobResponse,
  Job,
  JobListQuery,
  JobListResponse,
  JobLiveEvent,
  JobLogLinesQuery,
  JobLogLinesResponse,
  JobMetricsQuery,
  JobMetricsResponse,
} from "./api/jobs";
import { PlaygroundCompletionBody, PlaygroundCompletionResponse, PlaygroundStreamDelta } from "./api/playground";

export type HttpMethod = "get" | "post" | "put" | "patch" | "delete";

/** A zod schema with the name it gets under components.schemas. */
export interface NamedSchema {
  name: string;
  schema: z.ZodType;
}

export interface ResponseSpec {
  description: string;
  /** application/json body. */
  json?: NamedSchema;
  /** text/event-stream: what each event's `data` holds. */
  eventStream?: { description: string; data: NamedSchema };
  /** text/csv body. */
  csv?: { description: string };
  headers?: Record<string, { description: string }>;
}

export interface ApiRouteSpec {
  method: HttpMethod;
  /** OpenAPI style: /api/jobs/{id}. */
  path: string;
  tag: string;
  operationId: string;
  summary: string;
  description?: string;
  /** No credentials needed (health, sign-in, the one-time setup). */
  isPublic?: boolean;
  /** Admins only: a member gets 403 (apps/web/src/server/auth/route-policy.ts). */
  isAdminOnly?: boolean;
  query?: z.ZodObject;
  headers?: Array<{ name: string; description: string }>;
  body?: {
    contentType: "application/json" | "multipart/form-data";
    schema: NamedSchema;
    example?: unknown;
  };
  /** Success responses; the error responses come from `errors` (401 is added for non-public routes). */
  responses: Record<number, ResponseSpec>;
  errors?: number[];
}

const named = (name: string, schema: z.ZodType): NamedSchema => ({ name, schema });

const ApiTokenListResponse = listResponse(ApiTokenSummary);

/** Multipart upload: the files, plus the text fields validated by CreateDatasetFields. */
const CreateDatasetMultipart = z
  .object({
    file: z.any().meta({
      type: "string",
      format: "binary",
      description:
        'The dataset: a JSON array, JSONL, or CSV with header `sentence,label`. A label is an integer or a non-empty text of at most 64 characters (`1`, `"1"` and `" 1 "` are the same label); 2 to 100 distinct labels. Multi-class example (JSONL): `{"sentence": "国足晋级世界杯", "label": "体育"}` / `{"sentence": "央行下调利率", "label": "财经"}` / `{"sentence": "新款芯片发布", "label": "科技"}`.',
    }),
    testFile: z
      .any()
      .meta({ type: "string", format: "binary", description: "Optional test split in the same formats; then testFraction is not used." })
      .optional(),
  })
  .extend(CreateDatasetFields.shape);

const PredictionsListQuery = PredictionsQuery.extend({
  format: z.enum(["json", "csv"]).optional().describe("`csv` downloads every matching prediction as CSV (no paging)."),
});

const ERROR_DESCRIPTIONS: Record<number, string> = {
  400: "Malformed input (not JSON, not a readable file).",
  401: "No valid credentials: sign in, or send `Authorization: Bearer <token>` (a personal API token, or API_TOKEN).",
  403: "Not allowed: an admin-only route, or a cookie-authenticated change from another site.",
  404: "No such resource.",
  409: "Conflicts with the current state.",
  413: "Too large (uploads: MAX_UPLOAD_BYTES; JSON bodies: 1 MiB).",
  422: "Valid JSON that breaks a rule; `issues` lists every problem.",
  429: "Too many failed sign-ins for this email or address; `Retry-After` says when to try again.",
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
  { name: "Adapters", description: "Trained adapters and loading them into the inference server." },
  { name: "Playground", description: "Prompt a base model or an adapter." },
  { name: "Evaluations", description: "Accuracy reports on a dataset split." },
  { name: "Meta", description: "This description." },
] as const;

export const API_ROUTES: ApiRouteSpec[] = [
  {
    method: "get",
    path: "/api/health",
    tag: "Health",
    operationId: "getHealth",
    summary: "Health of the product and its dependencies",
    isPublic: true,
    responses: { 200: { description: "Component states and the number of live workers.", json: named("HealthResponse", HealthResponse) } },
  },
  {
    method: "get",
    path: "/api/openapi.json",
    tag: "Meta",
    operationId: "getOpenApiDocument",
    summary: "This OpenAPI 3.1 description",
    responses: { 200: { description: "The OpenAPI document." } },
  },
  {
    method: "post",
    path: "/api/session",
    tag: "Session",
    operationId: "signIn",
    summary: "Sign in with email and password",
    description: "Sets the session cookie (httpOnly, SameSite=Lax, Secure on https). Failed attempts are limited per email and per client address.",
    isPublic: true,
    body: { contentType: "application/json", schema: named("SignInBody", SignInBody), example: { email: "ada@example.com", password: "correct horse battery" } },
    responses: {
      200: { description: "Signed in.", json: named("SessionInfo", SessionInfo), headers: { "Set-Cookie": { description: "The session cookie." } } },
    },
    errors: [400, 401, 403, 422, 429],
  },
  {
    method: "get",
    path: "/api/session",
    tag: "Session",
    operationId: "getSession",
    summary: "Who is calling",
    responses: { 200: { description: "The caller: a session, a personal token, or the bootstrap API_TOKEN.", json: named("SessionInfo", SessionInfo) } },
  },
  {
    method: "delete",
    path: "/api/session",
    tag: "Session",
    operationId: "signOut",
    summary: "Sign out",
    responses: { 204: { description: "The session is ended and its cookie cleared." } },
    errors: [403],
  },
  {
    method: "post",
    path: "/api/session/password",
    tag: "Session",
    operationId: "changePassword",
    summary: "Change your own password",
    description: "Needs the browser session (not a token). Your other sessions end; this one gets a fresh cookie.",
    body: { contentType: "application/json", schema: named("ChangePasswordBody", ChangePasswordBody) },
    responses: { 204: { description: "Changed.", headers: { "Set-Cookie": { description: "The new session cookie." } } } },
    errors: [400, 403, 409, 422],
  },
  {
    method: "post",
    path: "/api/setup",
    tag: "Session",
    operationId: "setUp",
    summary: "Create the first admin (only while no account exists)",
    isPublic: true,
    body: { contentType: "application/json", schema: named("SetupBody", SetupBody) },
    responses: { 201: { description: "The first admin, signed in.", json: named("SessionInfo", SessionInfo) } },
    errors: [400, 403, 409, 422],
  },
  // API tokens
  {
    method: "get",
    path: "/api/tokens",
    tag: "API tokens",
    operationId: "listApiTokens",
    summary: "Your API tokens",
    responses: { 200: { description: "Your tokens, newest first, revoked ones marked.", json: named("ApiTokenListResponse", ApiTokenListResponse) } },
    errors: [409],
  },
  {
    method: "post",
    path: "/api/tokens",
    tag: "API tokens",
    operationId: "createApiToken",
    summary: "Create an API token",
    body: { contentType: "application/json", schema: named("CreateApiTokenBody", CreateApiTokenBody), example: { name: "nightly eval script" } },
    responses: { 201: { description: "The token; `token` is shown this once.", json: named("CreatedApiToken", CreatedApiToken) } },
    errors: [400, 403, 409, 422],
  },
  {
    method: "delete",
    path: "/api/tokens/{id}",
    tag: "API tokens",
    operationId: "revokeApiToken",
    summary: "Revoke one of your API tokens",
    responses: { 200: { description: "The revoked token.", json: named("ApiTokenSummary", ApiTokenSummary) } },
    errors: [403, 404, 409],
  },
  // Users (admin)
  {
    method: "get",
    path: "/api/users",
    tag: "Users",
    operationId: "listUsers",
    summary: "Every account",
    isAdminOnly: true,
    responses: { 200: { description: "Accounts, oldest first.", json: named("UserListResponse", listResponse(UserSummary)) } },
  },
  {
    method: "post",
    path: "/api/users",
    tag: "Users",
    operationId: "createUser",
    summary: "Create an account",
    isAdminOnly: true,
    body: { contentType: "application/json", schema: named("CreateUserBody", CreateUserBody), example: { name: "Ada", email: "ada@example.com", password: "correct horse battery", role: "member" } },
    responses: { 201: { description: "The account.", json: named("UserSummary", UserSummary) } },
    errors: [400, 409, 422],
  },
  {
    method: "patch",
    path: "/api/users/{id}",
    tag: "Users",
    operationId: "updateUser",
    summary: "Change a role, rename, bar from signing in, or set a new password",
    isAdminOnly: true,
    body: { contentType: "application/json", schema: named("UpdateUserBody", UpdateUserBody), example: { role: "admin" } },
    responses: { 200: { description: "The account.", json: named("UserSummary", UserSummary) } },
    errors: [400, 404, 409, 422],
  },
  {
    method: "delete",
    path: "/api/users/{id}",
    tag: "Users",
    operationId: "deleteUser",
    summary: "Delete an account, its sessions and its tokens",
    isAdminOnly: true,
    responses: { 204: { description: "Deleted." } },
    errors: [404, 409],
  },
  {
    method: "get",
    path: "/api/users/{id}/tokens",
    tag: "Users",
    operationId: "listUserApiTokens",
    summary: "A person's API tokens",
    isAdminOnly: true,
    responses: { 200: { description: "Their tokens.", json: named("ApiTokenListResponse", ApiTokenListResponse) } },
    errors: [404],
  },
  {
    method: "delete",
    path: "/api/users/{id}/tokens/{tokenId}",
    tag: "Users",
    operationId: "revokeUserApiToken",
    summary: "Revoke a person's API token",
    isAdminOnly: true,
    responses: { 200: { description: "The revoked token.", json: named("ApiTokenSummary", ApiTokenSummary) } },
    errors: [404],
  },
  // Datasets
  {
    method: "post",
    path: "/api/datasets",
    tag: "Datasets",
    operationId: "createDataset",
    summary: "Upload a dataset",
    description:
      "Every problem in the file is reported (up to a cap) and nothing is stored when there is one; in JSONL each line stands alone, so lines that are not JSON are listed with the other lines' problems (400). Rows are split into train/val/test with `seed`, stratified by class: a split with room for every class gets at least one row of each, and a class with too few rows for that is refused (422 `class_too_small`). `labels` lists the classes in order (integers ascending, then texts as first seen; a 0/1 file is always `[0, 1]`) and `labelCounts` is keyed by the label as text.",
    body: { contentType: "multipart/form-data", schema: named("CreateDatasetMultipart", CreateDatasetMultipart) },
    responses: { 201: { description: "The stored dataset.", json: named("CreateDatasetResponse", CreateDatasetResponse) } },
    errors: [400, 413, 422, 507],
  },
  {
    method: "get",
    path: "/api/datasets",
    tag: "Datasets",
    operationId: "listDatasets",
    summary: "List datasets, newest first",
    query: DatasetListQuery,
    responses: { 200: { description: "A page of datasets.", json: named("DatasetListResponse", DatasetListResponse) } },
    errors: [422],
  },
  {
    method: "get",
    path: "/api/datasets/{id}",
    tag: "Datasets",
    operationId: "getDataset",
    summary: "One dataset with its statistics",
    responses: { 200: { description: "The dataset and `stats`.", json: named("DatasetDetail", DatasetDetail) } },
    errors: [404],
  },
  {
    method: "delete",
    path: "/api/datasets/{id}",
    tag: "Datasets",
    operationId: "deleteDataset",
    summary: "Delete a dataset and its files",
    responses: { 204: { description: "Deleted." } },
    errors: [404, 409],
  },
  {
    method: "get",
    path: "/api/datasets/{id}/rows",
    tag: "Datasets",
    operationId: "listDatasetRows",
    summary: "Rows of a dataset, by split, label or text",
    query: DatasetRowsQuery,
    responses: { 200: { description: "A page of rows and the total matching.", json: named("DatasetRowsResponse", DatasetRowsResponse) } },
    errors: [404, 422],
  },
  // Base models
  {
    method: "get",
    path: "/api/base-models",
    tag: "Base models",
    operationId: "listBaseModels",
    summary: "Registered base models and what serves them",
    responses: { 200: { description: "Every base model; `servedBy` is the inference server's name for it, or null.", json: named("BaseModelListResponse", BaseModelListResponse) } },
  },
  {
    method: "post",
    path: "/api/base-models",
    tag: "Base models",
    operationId: "registerBaseModel",
    summary: "Register a model directory under DATA_DIR (admin)",
    description: "The directory must lie under DATA_DIR (symlinks resolved) and hold config.json; serve it with vLLM under the same id (docs/base-models.md).",
    isAdminOnly: true,
    body: {
      contentType: "application/json",
      schema: named("RegisterBaseModelBody", RegisterBaseModelBody),
      example: { id: "llama-2-7b", name: "Llama-2-7B", path: "llama-2-7b" },
    },
    responses: { 201: { description: "The registered base model.", json: named("BaseModel", BaseModel) } },
    errors: [400, 409, 422],
  },
  {
    method: "delete",
    path: "/api/base-models/{id}",
    tag: "Base models",
    operationId: "deleteBaseModel",
    summary: "Unregister a base model no job has used (admin)",
    isAdminOnly: true,
    responses: { 204: { description: "Unregistered; the directory is left alone." } },
    errors: [404, 409],
  },
  {
    method: "post",
    path: "/api/base-models/{id}/preview",
    tag: "Base models",
    operationId: "previewExample",
    summary: "Render one training example with the model's tokenizer",
    body: {
      contentType: "application/json",
      schema: named("BaseModelPreviewBody", BaseModelPreviewBody),
      example: { promptTemplate: "Review: {sentence}\nSentiment:", labelWords: { "0": "negative", "1": "positive" }, sentence: "Great value.", label: 1 },
    },
    responses: { 200: { description: "The rendered example and its token counts.", json: named("BaseModelPreviewResponse", BaseModelPreviewResponse) } },
    errors: [400, 404, 409, 422],
  },
  // Jobs
  {
    method: "post",
    path: "/api/jobs",
    tag: "Jobs",
    operationId: "createJob",
    summary: "Queue a LoRA fine-tune job",
    description:
      "Omitted hyperparameters take their defaults (the values shown in the schema). `labelWords` maps every label of the dataset (as text) to the word the model answers with; omitted, it is 消极/积极 for a 0/1 dataset and each label itself for other labels. Words must differ (422 with `labelWords.<label>` issues); a word that starts another is allowed and reported in `warnings` (the longest match wins when answers are parsed).",
    body: {
      contentType: "application/json",
      schema: named("CreateJobBody", CreateJobBody),
      example: {
        datasetId: "<dataset id>",
        baseModelId: "demo-tiny-zh",
        hyperparameters: { epochs: 1, learningRate: 0.002 },
        labelWords: { 体育: "体育", 财经: "财经", 科技: "科技" },
      },
    },
    responses: { 201: { description: "The queued job (`status: queued`).", json: named("CreateJobResponse", CreateJobResponse) } },
    errors: [400, 404, 409, 422, 503],
  },
  {
    method: "get",
    path: "/api/jobs",
    tag: "Jobs",
    operationId: "listJobs",
    summary: "List jobs, newest first",
    query: JobListQuery,
    responses: { 200: { description: "A page of jobs.", json: named("JobListResponse", JobListResponse) } },
    errors: [422],
  },
  {
    method: "get",
    path: "/api/jobs/{id}",
    tag: "Jobs",
    operationId: "getJob",
    summary: "One job: status, progress, ETA, error, adapter and evaluation",
    responses: { 200: { description: "The job.", json: named("Job", Job) } },
    errors: [404],
  },
  {
    method: "get",
    path: "/api/jobs/{id}/metrics",
    tag: "Jobs",
    operationId: "getJobMetrics",
    summary: "Training metrics in step order",
    query: JobMetricsQuery,
    responses: { 200: { description: "Each step once, after `afterStep`.", json: named("JobMetricsResponse", JobMetricsResponse) } },
    errors: [404, 422],
  },
  {
    method: "get",
    path: "/api/jobs/{id}/logs",
    tag: "Jobs",
    operationId: "getJobLogs",
    summary: "The trainer's log lines",
    query: JobLogLinesQuery,
    responses: { 200: { description: "Log lines in order; `nextCursor` is the `afterId` of the next page.", json: named("JobLogLinesResponse", JobLogLinesResponse) } },
    errors: [404, 422],
  },
  {
    method: "get",
    path: "/api/jobs/{id}/events",
    tag: "Jobs",
    operationId: "streamJobEvents",
    summary: "Live events of a job (Server-Sent Events)",
    description:
      "Each event's `id` is a monotonically increasing sequence; reconnecting with `Last-Event-ID` first replays what was missed, then live events: metrics, status changes and log lines.",
    headers: [{ name: "Last-Event-ID", description: "The id of the last event received; the stream resumes after it." }],
    responses: {
      200: {
        description: "An event stream.",
        eventStream: { description: "Each event's `data` is one JSON JobLiveEvent.", data: named("JobLiveEvent", JobLiveEvent) },
      },
    },
    errors: [404, 503],
  },
  {
    method: "post",
    path: "/api/jobs/{id}/cancel",
    tag: "Jobs",
    operationId: "cancelJob",
    summary: "Cancel a queued or running job",
    description: "The job ends `cancelled`, its process is gone, its partial metrics stay.",
    responses: { 202: { description: "Cancellation accepted; the job as it is now.", json: named("Job", Job) } },
    errors: [404, 409],
  },
  {
    method: "post",
    path: "/api/jobs/{id}/retry",
    tag: "Jobs",
    operationId: "retryJob",
    summary: "Queue a new job with the settings of a finished one",
    responses: { 201: { description: "The new job.", json: named("Job", Job) } },
    errors: [404, 409, 503],
  },
  // Adapters
  {
    method: "get",
    path: "/api/adapters",
    tag: "Adapters",
    operationId: "listAdapters",
    summary: "Trained adapters and their serving status",
    responses: { 200: { description: "Every adapter; `inference` says whether the inference server answered.", json: named("AdapterListResponse", AdapterListResponse) } },
  },
  {
    method: "post",
    path: "/api/adapters/{id}/load",
    tag: "Adapters",
    operationId: "loadAdapter",
    summary: "Load an adapter into the inference server",
    responses: { 200: { description: "The adapter.", json: named("Adapter", Adapter) } },
    errors: [404, 409, 503],
  },
  {
    method: "post",
    path: "/api/adapters/{id}/unload",
    tag: "Adapters",
    operationId: "unloadAdapter",
    summary: "Unload an adapter from the inference server",
    responses: { 200: { description: "The adapter.", json: named("Adapter", Adapter) } },
    errors: [404, 409, 503],
  },
  // Playground
  {
    method: "post",
    path: "/api/playground/completions",
    tag: "Playground",
    operationId: "createCompletion",
    summary: "Complete a sentence or a prompt with a model",
    description:
      "Send either `sentence` (rendered through the model's prompt template) or `prompt` (sent as is). With `stream: true` the answer is an event stream: one `event: prompt` ({prompt, curl}), then `data: {\"text\": \"<delta>\"}` per delta, then `event: done` with the full PlaygroundCompletionResponse, or `event: error` with {code, message}.",
    body: {
      contentType: "application/json",
      schema: named("PlaygroundCompletionBody", PlaygroundCompletionBody),
      example: { model: "demo-tiny-zh", sentence: "质量很好，物流也快", maxTokens: 16, temperature: 0, stream: false },
    },
    responses: {
      200: {
        description: "The completion, or with `stream: true` an event stream of text deltas.",
        json: named("PlaygroundCompletionResponse", PlaygroundCompletionResponse),
        eventStream: { description: "Text deltas as `data: {\"text\": ...}`.", data: named("PlaygroundStreamDelta", PlaygroundStreamDelta) },
      },
    },
    errors: [400, 404, 422, 503],
  },
  // Evaluations
  {
    method: "post",
    path: "/api/evaluations",
    tag: "Evaluations",
    operationId: "createEvaluation",
    summary: "Queue an accuracy report of a model on a dataset split",
    body: {
      contentType: "application/json",
      schema: named("CreateEvaluationBody", CreateEvaluationBody),
      example: { model: "demo-tiny-zh", datasetId: "<dataset id>", split: "test", fewShot: 0 },
    },
    responses: { 201: { description: "The queued evaluation.", json: named("Evaluation", Evaluation) } },
    errors: [400, 404, 422, 503],
  },
  {
    method: "get",
    path: "/api/evaluations",
    tag: "Evaluations",
    operationId: "listEvaluations",
    summary: "List evaluations, newest first",
    query: EvaluationListQuery,
    responses: { 200: { description: "Evaluations.", json: named("EvaluationListResponse", EvaluationListResponse) } },
    errors: [422],
  },
  {
    method: "get",
    path: "/api/evaluations/{id}",
    tag: "Evaluations",
    operationId: "getEvaluation",
    summary: "One evaluation with its metrics",
    responses: { 200: { description: "The evaluation; `metrics` is null until it finishes.", json: named("Evaluation", Evaluation) } },
    errors: [404],
  },
  {
    method: "get",
    path: "/api/evaluations/{id}/predictions",
    tag: "Evaluations",
    operationId: "listPredictions",
    summary: "Predictions of an evaluation (JSON page or CSV export)",
    query: PredictionsListQuery,
    responses: {
      200: {
        description: "A page of predictions, or with `format=csv` every matching one as CSV.",
        json: named("PredictionsResponse", PredictionsResponse),
        csv: { description: "Columns: index,sentence,label,predicted,correct,output." },
      },
    },
    errors: [404, 422],
  },
];

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
  if (json.$defs) throw new Error("openapi: a schema produced $defs; give it a name in API_ROUTES instead");
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
  components: { schemas: Record<string, JsonSchema>; securitySchemes: Record<string, JsonSchema> };
}

/** The OpenAPI 3.1 document of API_ROUTES. Same input, same output (no clock, no environment). */
export function buildOpenApiDocument(routes: ApiRouteSpec[] = API_ROUTES): OpenApiDocument {
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
  for (const route of routes) {
    const parameters: JsonSchema[] = [];
    for (const match of route.path.matchAll(/\{(\w+)\}/g)) {
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

    const responses: JsonSchema = {};
    for (const [status, spec] of Object.entries(route.responses)) {
      const content: JsonSchema = {};
      if (spec.json) content["application/json"] = { schema: component(spec.json, "output") };
      if (spec.eventStream) {
        content["text/event-stream"] = {
          schema: { type: "string", description: spec.eventStream.description },
          "x-event-data": component(spec.eventStream.data, "output"),
        };
      }
      if (spec.csv) content["text/csv"] = { schema: { type: "string", description: spec.csv.description } };
      if (route.operationId === "getOpenApiDocument") content["application/json"] = { schema: { type: "object" } };
      responses[status] = {
        description: spec.description,
        ...(spec.headers ? { headers: Object.fromEntries(Object.entries(spec.headers).map(([name, h]) => [name, { description: h.description, schema: { type: "string" } }])) } : {}),
        ...(Object.keys(content).length ? { content } : {}),
      };
    }
    const errors = new Set(route.errors ?? []);
    if (!route.isPublic) errors.add(401);
    if (route.isAdminOnly) errors.add(403);
    for (const status of [...errors].sort((a, b) => a - b)) {
      responses[String(status)] = { description: ERROR_DESCRIPTIONS[status] ?? "Error.", content: { "application/json": { schema: ref("ApiErrorBody") } } };
    }

    const operation: JsonSchema = {
      operationId: route.operationId,
      tags: [route.tag],
      summary: route.summary,
      ...(route.description ? { description: route.description } : {}),
      ...(parameters.length ? { parameters } : {}),
      ...(route.body
        ? {
            requestBody: {
              required: true,
              content: {
                [route.body.contentType]: {
                  schema: component(route.body.schema, "input"),
                  ...(route.body.example !== undefined ? { example: route.body.example } : {}),
                },
              },
            },
          }
        : {}),
      responses,
      ...(route.isPublic ? { security: [] } : {}),
    };
    const item = (paths[route.path] ??= {});
    if (item[route.method]) throw new Error(`openapi: ${route.method.toUpperCase()} ${route.path} is listed twice`);
    item[route.method] = operation;
  }

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
    components: {
      schemas,
      securitySchemes: {
        bearerAuth: { type: "http", scheme: "bearer", description: "A personal API token (lbt_…), or the server's API_TOKEN when set (see .env)." },
        sessionCookie: { type: "apiKey", in: "cookie", name: "loraboard.session_token", description: "Set by POST /api/session after signing in (__Secure- prefixed on https)." },
      },
    },
  };
}
