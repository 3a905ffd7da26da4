// What one HTTP route declares, once, beside its handler (apps/web/src/app/api/**/contract.ts):
// who may call it, what it takes and what it answers. apiRoute (apps/web/src/server/api-route.ts)
// enforces the declaration, the route policy is collected from the declarations, and
// buildOpenApiDocument (./openapi.ts) describes them. Browser-safe and pure.
import type { z } from "zod";

export type HttpMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

/**
 * Who may call a route:
 *   public  — no credentials: health (for probes), signing in, and the one-time setup.
 *   member  — any signed-in person or token: the whole fine-tuning workflow.
 *   session — a signed-in browser session (or the bootstrap API_TOKEN), never a personal API
 *             token: making credentials, so a leaked token cannot mint ones that outlive it.
 *   admin   — people and credentials, and what changes the machine for everyone (base models).
 * A new kind is added here, enforced in apiRoute's authorize(), and given its error statuses in
 * ACCESS_ERRORS (./openapi.ts).
 */
export type RouteAccess = "public" | "member" | "session" | "admin";

/** A zod schema with the name it gets under the OpenAPI document's components.schemas. */
export interface NamedSchema<S extends z.ZodType = z.ZodType> {
  name: string;
  schema: S;
}

export const named = <S extends z.ZodType>(name: string, schema: S): NamedSchema<S> => ({ name, schema });

export interface ResponseSpec {
  description: string;
  /** application/json body. */
  json?: NamedSchema;
  /** application/json body without a schema of its own (the OpenAPI document itself). */
  anyJson?: true;
  /** text/event-stream: what each event's `data` holds. */
  eventStream?: { description: string; data: NamedSchema };
  /** text/csv body. */
  csv?: { description: string };
  /** application/zip body (a download). */
  zip?: { description: string };
  headers?: Readonly<Record<string, { description: string }>>;
}

/**
 * The request body. A JSON body is read, size-checked and validated by apiRoute, and the handler
 * gets the parsed value; a multipart body is only described (its fields, for OpenAPI): the
 * handler streams and validates the upload itself.
 */
export interface RequestBodySpec<S extends z.ZodType = z.ZodType> {
  contentType: "application/json" | "multipart/form-data";
  schema: NamedSchema<S>;
  example?: unknown;
  /** A request may send no body at all (the schema then gets undefined and gives the defaults). */
  isOptional?: true;
}

export interface RouteDeclaration {
  method: HttpMethod;
  /** The route file's path, Next.js style: /api/jobs/[id] (OpenAPI shows /api/jobs/{id}). */
  path: string;
  access: RouteAccess;
  tag: string;
  operationId: string;
  summary: string;
  description?: string;
  /** Validated by apiRoute (empty values count as absent); the handler gets the parsed value. */
  query?: z.ZodObject;
  /** Request headers the handler reads itself (documented only). */
  headers?: ReadonlyArray<{ name: string; description: string }>;
  body?: RequestBodySpec;
  /** Success responses; the error responses come from `errors` and the access (401, 403). */
  responses: Readonly<Record<number, ResponseSpec>>;
  errors?: readonly number[];
  /** Left out of the OpenAPI document: the JSON 404 of unknown /api paths. */
  undocumented?: true;
}

/** "GET /api/jobs/[id]": the route as its handler file and the route policy name it. */
export type RouteKey = `${HttpMethod} /api${string}`;
type MethodOf<K extends RouteKey> = K extends `${infer M extends HttpMethod} ${string}` ? M : never;
type PathOf<K extends RouteKey> = K extends `${HttpMethod} ${infer P}` ? P : never;

/**
 * declareRoute("GET /api/jobs/[id]", "member", { tag, operationId, summary, responses, ... }).
 * Keeps the literal types (path, access, schemas) for apiRoute's typed handler.
 */
export function declareRoute<const K extends RouteKey, const A extends RouteAccess, const R extends Omit<RouteDeclaration, "method" | "path" | "access">>(
  key: K,
  access: A,
  details: R,
): R & { method: MethodOf<K>; path: PathOf<K>; access: A } {
  const [method, path] = key.split(" ") as [MethodOf<K>, PathOf<K>];
  return { ...details, method, path, access };
}

/** The route's RouteKey: the key of the route policy table and of the route-file tests. */
export const routeKey = (route: Pick<RouteDeclaration, "method" | "path">) => `${route.method} ${route.path}`;

/** /api/jobs/[id] → /api/jobs/{id}. */
export const openApiPath = (path: string) => path.replace(/\[(\w+)\]/g, "{$1}");
