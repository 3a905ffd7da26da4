// Calls route handlers in-process with real Requests, as the HTTP layer would: apps/web/server.mjs
// writes the connection's address into PEER_ADDRESS_HEADER (tests/integration/setup-file.ts says
// it does), here 127.0.0.1 (a script on the server's machine) unless `peer` says otherwise.
import { PEER_ADDRESS_HEADER } from "@/server/auth/client-address";

export const TEST_TOKEN = process.env.API_TOKEN ?? "";

export function apiRequest(path: string, init: RequestInit & { token?: string | null; peer?: string } = {}): Request {
  const { token: givenToken, peer = "127.0.0.1", ...rest } = init;
  const headers = new Headers(rest.headers);
  const token = givenToken === undefined ? TEST_TOKEN : givenToken;
  if (token) headers.set("authorization", `Bearer ${token}`);
  headers.set(PEER_ADDRESS_HEADER, peer);
  return new Request(new URL(path, "http://localhost:3000"), { ...rest, headers });
}

/** The second argument Next.js passes to a handler of a dynamic route. */
export function routeParams<T extends Record<string, string | string[]>>(params: T) {
  return { params: Promise.resolve(params) };
}
