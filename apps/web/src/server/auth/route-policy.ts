// Who may call each /api route, in one place. Every route file's exported method must appear
// here (route-policy.int.test.ts globs the route files and fails on a missing or stale entry);
// apiRoute looks the request up here before the handler runs.
//   public  — no credentials: health (for probes), signing in, and the one-time setup.
//   member  — any signed-in person or token: the whole fine-tuning workflow.
//   admin   — people and credentials, and what changes the machine for everyone (base models).
export type Access = "public" | "member" | "admin";

export const ROUTE_POLICY = {
  "GET /api/health": "public",
  // Signing in needs no credentials; it is rate-limited per IP and per email instead.
  "POST /api/session": "public",
  "GET /api/session": "member",
  "DELETE /api/session": "member",
  "POST /api/session/password": "member",
  // Creates the first admin; answers 409 as soon as any account exists.
  "POST /api/setup": "public",

  "GET /api/openapi.json": "member",

  "GET /api/datasets": "member",
  "POST /api/datasets": "member",
  "GET /api/datasets/[id]": "member",
  "DELETE /api/datasets/[id]": "member",
  "GET /api/datasets/[id]/rows": "member",

  "GET /api/base-models": "member",
  "POST /api/base-models/[id]/preview": "member",
  // Registering a model directory points every worker and vLLM at it: admins only.
  "POST /api/base-models": "admin",
  "DELETE /api/base-models/[id]": "admin",

  "GET /api/jobs": "member",
  "POST /api/jobs": "member",
  "GET /api/jobs/[id]": "member",
  "POST /api/jobs/[id]/cancel": "member",
  "POST /api/jobs/[id]/retry": "member",
  "GET /api/jobs/[id]/events": "member",
  "GET /api/jobs/[id]/logs": "member",
  "GET /api/jobs/[id]/metrics": "member",

  "GET /api/adapters": "member",
  "POST /api/adapters/[id]/load": "member",
  "POST /api/adapters/[id]/unload": "member",

  "POST /api/playground/completions": "member",

  "GET /api/evaluations": "member",
  "POST /api/evaluations": "member",
  "GET /api/evaluations/[id]": "member",
  "GET /api/evaluations/[id]/predictions": "member",

  // A person's own API tokens.
  "GET /api/tokens": "member",
  "POST /api/tokens": "member",
  "DELETE /api/tokens/[id]": "member",

  // People: who may sign in, with which role, and everyone's tokens.
  "GET /api/users": "admin",
  "POST /api/users": "admin",
  "PATCH /api/users/[id]": "admin",
  "DELETE /api/users/[id]": "admin",
  "GET /api/users/[id]/tokens": "admin",
  "DELETE /api/users/[id]/tokens/[tokenId]": "admin",
  // Who did what (deletions, cancellations, account changes, admin token use).
  "GET /api/audit": "admin",

  // Unknown paths: a JSON 404, after the same credential check as every route.
  "GET /api/[...path]": "member",
  "POST /api/[...path]": "member",
  "PUT /api/[...path]": "member",
  "PATCH /api/[...path]": "member",
  "DELETE /api/[...path]": "member",
} as const satisfies Record<string, Access>;

export type RouteKey = keyof typeof ROUTE_POLICY;

interface CompiledRoute {
  key: RouteKey;
  method: string;
  pattern: RegExp;
  access: Access;
  /** Static segments outrank [param] segments, which outrank [...catchAll]. */
  rank: number;
}

const COMPILED: CompiledRoute[] = (Object.entries(ROUTE_POLICY) as [RouteKey, Access][])
  .map(([key, access]) => {
    const [method, path] = key.split(" ") as [string, string];
    const segments = path.split("/").filter(Boolean);
    const source = segments
      .map((segment) => (segment.startsWith("[...") ? "/.+" : segment.startsWith("[") ? "/[^/]+" : `/${escapeRegExp(segment)}`))
      .join("");
    const rank = segments.reduce((sum, s) => sum + (s.startsWith("[...") ? 0 : s.startsWith("[") ? 1 : 2), 0);
    return { key, method, pattern: new RegExp(`^${source}/?$`), access, rank };
  })
  .sort((a, b) => b.rank - a.rank);

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** The policy entry for a request; unknown method and path combinations need an admin. */
export function findRoutePolicy(method: string, pathname: string): { key: RouteKey | null; access: Access } {
  const upper = method === "HEAD" ? "GET" : method.toUpperCase();
  const match = COMPILED.find((route) => route.method === upper && route.pattern.test(pathname));
  return match ? { key: match.key, access: match.access } : { key: null, access: "admin" };
}
