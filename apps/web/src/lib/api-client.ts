// The browser's only way to call /api/*: same-origin fetch with the session cookie; errors carry
// the API's code, message and issues so pages can show what to fix.
import type { ApiErrorBody, ApiIssue } from "@loraboard/contracts";

export class ApiClientError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly issues: ApiIssue[] = [],
  ) {
    super(message);
  }
}

export async function apiFetch<T>(path: string, init: RequestInit = {}): Promise<T> {
  let response: Response;
  try {
    response = await fetch(path, { ...init, credentials: "same-origin" });
  } catch {
    throw new ApiClientError(0, "network_error", "The dashboard's server cannot be reached.");
  }
  if (response.status === 401 && typeof window !== "undefined" && !path.startsWith("/api/session")) {
    window.location.assign(`/sign-in?next=${encodeURIComponent(window.location.pathname)}`);
  }
  if (!response.ok) {
    const body = (await response.json().catch(() => null)) as ApiErrorBody | null;
    throw new ApiClientError(
      response.status,
      body?.error.code ?? "http_error",
      body?.error.message ?? `The server answered ${response.status}.`,
      body?.error.issues,
    );
  }
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
}

/** A JSON POST (or another method) through apiFetch. */
export function sendJson<T>(path: string, body: unknown, method = "POST"): Promise<T> {
  return apiFetch<T>(path, { method, headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
}
