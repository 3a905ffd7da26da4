// Calls route handlers in-process with real Requests, as the HTTP layer would.
export const TEST_TOKEN = process.env.API_TOKEN ?? "";

export function apiRequest(path: string, init: RequestInit & { token?: string | null } = {}): Request {
  const headers = new Headers(init.headers);
  const token = init.token === undefined ? TEST_TOKEN : init.token;
  if (token) headers.set("authorization", `Bearer ${token}`);
  return new Request(new URL(path, "http://localhost:3000"), { ...init, headers });
}

/** The second argument Next.js passes to a handler of a dynamic route. */
export function routeParams<T extends Record<string, string | string[]>>(params: T) {
  return { params: Promise.resolve(params) };
}
