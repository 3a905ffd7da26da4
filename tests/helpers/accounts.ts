// Accounts for integration tests: real users through better-auth, real personal tokens, and a
// session cookie got by signing in through POST /api/session as a browser would.
import { createApiToken } from "@/features/accounts/server/api-tokens";
import { createUser } from "@/features/accounts/server/users";
import { POST as signInRoute } from "@/app/api/session/route";
import { apiRequest, routeParams } from "./api";

export const TEST_PASSWORD = "correct horse battery staple";
const ORIGIN = "http://localhost:3000";

let counter = 0;

export interface TestAccount {
  id: string;
  email: string;
  role: "admin" | "member";
  /** A personal API token (lbt_...). */
  token: string;
  /** The Cookie header of a signed-in browser. */
  cookie: string;
}

export async function createTestAccount(role: "admin" | "member" = "member"): Promise<TestAccount> {
  const email = `${role}-${process.pid}-${Date.now()}-${++counter}@example.com`;
  const user = await createUser({ name: `Test ${role}`, email, password: TEST_PASSWORD, role });
  const { token } = await createApiToken(user.id, "test script");
  return { id: user.id, email, role, token, cookie: await signInCookie(email) };
}

export async function signInCookie(email: string, password = TEST_PASSWORD, ip = "203.0.113.1"): Promise<string> {
  const response = await signInRoute(
    apiRequest("/api/session", {
      method: "POST",
      token: null,
      peer: ip,
      headers: { "content-type": "application/json", origin: ORIGIN },
      body: JSON.stringify({ email, password }),
    }),
    routeParams({}),
  );
  if (response.status !== 200) throw new Error(`sign-in failed: ${response.status} ${await response.text()}`);
  return cookieHeaderFrom(response);
}

/** The Cookie header a browser would send back after this response. */
export function cookieHeaderFrom(response: Response): string {
  return response.headers
    .getSetCookie()
    .map((cookie) => cookie.split(";")[0]!)
    .filter((pair) => !pair.endsWith("="))
    .join("; ");
}

/** A request a signed-in browser page would make: the cookie, and same-origin fetch metadata. */
export function browserRequest(path: string, cookie: string, init: RequestInit = {}): Request {
  const headers = new Headers(init.headers);
  headers.set("cookie", cookie);
  if (!headers.has("sec-fetch-site") && !headers.has("origin")) headers.set("sec-fetch-site", "same-origin");
  return apiRequest(path, { ...init, headers, token: null });
}
