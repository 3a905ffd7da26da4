// Accounts against real Postgres and Redis: the first-admin setup, signing in and out, the
// login rate limit, CSRF on cookie-authenticated changes, personal tokens (shown once, hashed,
// last-used, revoked), roles that apply at once, and secrets that never reach the logs.
import { createHash } from "node:crypto";
import { afterEach, describe, expect, it, vi } from "vitest";
import { getDb } from "@loraboard/db/server";
import { GET as getSession, POST as signIn, DELETE as signOut } from "@/app/api/session/route";
import { POST as setUp } from "@/app/api/setup/route";
import { POST as changePassword } from "@/app/api/session/password/route";
import { GET as listTokens, POST as createToken } from "@/app/api/tokens/route";
import { DELETE as revokeToken } from "@/app/api/tokens/[id]/route";
import { GET as listUsers, POST as createUserRoute } from "@/app/api/users/route";
import { PATCH as updateUserRoute, DELETE as deleteUserRoute } from "@/app/api/users/[id]/route";
import { GET as listUserTokens } from "@/app/api/users/[id]/tokens/route";
import { DELETE as revokeUserToken } from "@/app/api/users/[id]/tokens/[tokenId]/route";
import { POST as createJob } from "@/app/api/jobs/route";
import { MAX_FAILURES_PER_EMAIL, MAX_FAILURES_PER_IP } from "@/server/auth/login-rate-limit";
import { MAX_JSON_BODY_BYTES } from "@/server/api-route";
import { apiRequest, routeParams } from "../../../../../tests/helpers/api";
import { TEST_PASSWORD, browserRequest, cookieHeaderFrom, createTestAccount, signInCookie } from "../../../../../tests/helpers/accounts";

const ORIGIN = "http://localhost:3000";
const json = (body: unknown, headers: Record<string, string> = {}) => ({
  method: "POST",
  headers: { "content-type": "application/json", ...headers },
  body: JSON.stringify(body),
});
let ipCounter = 0;
/** Each test signs in from an address of its own, so failure counts never leak between tests. */
const freshIp = () => `2001:db8:${(process.pid % 0xffff).toString(16)}::${(++ipCounter).toString(16)}`;

function signInRequest(email: string, password: string, ip: string, headers: Record<string, string> = {}) {
  return apiRequest("/api/session", { ...json({ email, password }, { origin: ORIGIN, ...headers }), token: null, peer: ip });
}

afterEach(() => vi.restoreAllMocks());

describe("the first admin", () => {
  it("is created by the one-time setup, signed in, and the setup closes behind it", async () => {
    expect(await getDb().user.count()).toBe(0);
    const setup = await setUp(
      apiRequest("/api/setup", { ...json({ name: "  Ada\u202e Admin ", email: "Ada@Example.com", password: TEST_PASSWORD }, { origin: ORIGIN }), token: null }),
      routeParams({}),
    );
    expect(setup.status).toBe(201);
    const body = await setup.json();
    expect(body).toMatchObject({ kind: "session", role: "admin", user: { email: "ada@example.com", name: "Ada Admin", role: "admin" } });
    const cookie = cookieHeaderFrom(setup);
    expect(cookie).toMatch(/^loraboard\.session_token=/);
    const setCookie = setup.headers.getSetCookie().join("\n");
    expect(setCookie).toMatch(/HttpOnly/i);
    expect(setCookie).toMatch(/SameSite=Lax/i);
    expect(setCookie).not.toMatch(/Secure/i);

    const me = await getSession(browserRequest("/api/session", cookie), routeParams({}));
    expect(await me.json()).toMatchObject({ kind: "session", role: "admin" });

    const again = await setUp(
      apiRequest("/api/setup", { ...json({ name: "Mallory", email: "mallory@example.com", password: TEST_PASSWORD }), token: null }),
      routeParams({}),
    );
    expect(again.status).toBe(409);
    expect(await again.json()).toMatchObject({ error: { code: "setup_done" } });
    expect(await getDb().user.count()).toBe(1);
  });

  it("is refused a weak password with the reason", async () => {
    const response = await setUp(
      apiRequest("/api/setup", { ...json({ name: "Ada", email: "ada@example.com", password: "short" }), token: null }),
      routeParams({}),
    );
    expect(response.status).toBe(422);
    expect(JSON.stringify(await response.json())).toContain("at least 10 characters");
    expect(await getDb().user.count()).toBe(0);
  });

  it("marks the cookie Secure (and __Secure-) when the dashboard is served over https", async () => {
    const response = await setUp(
      apiRequest("/api/setup", {
        ...json({ name: "Ada", email: "ada@example.com", password: TEST_PASSWORD }, { origin: "https://lora.example.com", host: "lora.example.com", "x-forwarded-proto": "https" }),
        token: null,
      }),
      routeParams({}),
    );
    expect(response.status).toBe(201);
    const setCookie = response.headers.getSetCookie().join("\n");
    expect(setCookie).toMatch(/__Secure-loraboard\.session_token=/);
    expect(setCookie).toMatch(/; Secure/i);
  });
});

describe("signing in", () => {
  it("answers 401 for a wrong password or an unknown email, and signs out for good", async () => {
    const account = await createTestAccount("member");
    const ip = freshIp();
    for (const [email, password] of [[account.email, "wrong password!"], ["nobody@example.com", TEST_PASSWORD]] as const) {
      const response = await signIn(signInRequest(email, password, ip), routeParams({}));
      expect(response.status).toBe(401);
      expect(await response.json()).toMatchObject({ error: { code: "invalid_credentials" } });
    }
    const out = await signOut(browserRequest("/api/session", account.cookie, { method: "DELETE" }), routeParams({}));
    expect(out.status).toBe(204);
    const after = await getSession(browserRequest("/api/session", account.cookie), routeParams({}));
    expect(after.status).toBe(401);
  });

  it(`locks an email for 15 minutes after ${MAX_FAILURES_PER_EMAIL} failures, even with the right password`, async () => {
    const account = await createTestAccount("member");
    for (let attempt = 0; attempt < MAX_FAILURES_PER_EMAIL; attempt++) {
      // Spread over addresses: the per-email limit holds however many IPs an attacker has.
      const response = await signIn(signInRequest(account.email, `wrong-${attempt}-password`, freshIp()), routeParams({}));
      expect(response.status).toBe(401);
    }
    const locked = await signIn(signInRequest(account.email, TEST_PASSWORD, freshIp()), routeParams({}));
    expect(locked.status).toBe(429);
    expect(await locked.json()).toMatchObject({ error: { code: "too_many_attempts" } });
    expect(Number(locked.headers.get("retry-after"))).toBeGreaterThan(800);
    // Another person is not affected.
    const other = await createTestAccount("member");
    expect(other.cookie).toMatch(/session_token=/);
  });

  it(`locks an address after ${MAX_FAILURES_PER_IP} failures across any emails`, async () => {
    const ip = freshIp();
    for (let attempt = 0; attempt < MAX_FAILURES_PER_IP; attempt++) {
      const response = await signIn(signInRequest(`guess-${attempt}@example.com`, "wrong password!", ip), routeParams({}));
      expect(response.status).toBe(401);
    }
    const account = await createTestAccount("member");
    const locked = await signIn(signInRequest(account.email, TEST_PASSWORD, ip), routeParams({}));
    expect(locked.status).toBe(429);
    expect((await signIn(signInRequest(account.email, TEST_PASSWORD, freshIp()), routeParams({}))).status).toBe(200);
  });

  it("refuses a sign-in posted from another site (login CSRF)", async () => {
    const account = await createTestAccount("member");
    for (const headers of [{ origin: "https://evil.example" }, { "sec-fetch-site": "cross-site" }] as Record<string, string>[]) {
      const response = await signIn(
        apiRequest("/api/session", { ...json({ email: account.email, password: TEST_PASSWORD }, headers), token: null }),
        routeParams({}),
      );
      expect(response.status).toBe(403);
      expect(await response.json()).toMatchObject({ error: { code: "cross_site_request" } });
    }
  });
});

describe("CSRF on cookie-authenticated changes", () => {
  it("refuses a change sent with the cookie from another site or with no origin at all", async () => {
    const account = await createTestAccount("member");
    const body = JSON.stringify({ name: "from a page" });
    const attempts: Record<string, string>[] = [
      { origin: "https://evil.example" },
      { "sec-fetch-site": "cross-site", origin: ORIGIN },
      { "sec-fetch-site": "same-site" },
      {},
    ];
    for (const headers of attempts) {
      const request = apiRequest("/api/tokens", { method: "POST", token: null, headers: { cookie: account.cookie, "content-type": "application/json", ...headers }, body });
      const response = await createToken(request, routeParams({}));
      expect(response.status, JSON.stringify(headers)).toBe(403);
      expect(await response.json()).toMatchObject({ error: { code: "cross_site_request" } });
    }
    expect(await getDb().apiToken.count({ where: { name: "from a page" } })).toBe(0);
  });

  it("lets the dashboard's own pages, and bearer-token scripts, make changes", async () => {
    const account = await createTestAccount("member");
    const body = JSON.stringify({ name: "mine" });
    const sameOrigin = apiRequest("/api/tokens", { method: "POST", token: null, headers: { cookie: account.cookie, "content-type": "application/json", origin: ORIGIN }, body });
    const created = await createToken(sameOrigin, routeParams({}));
    expect(created.status).toBe(201);
    const fetchMetadata = browserRequest("/api/tokens", account.cookie, { method: "POST", headers: { "content-type": "application/json" }, body });
    expect((await createToken(fetchMetadata, routeParams({}))).status).toBe(201);
    const { id } = await created.json();
    const script = apiRequest(`/api/tokens/${id}`, { method: "DELETE", token: account.token });
    expect((await revokeToken(script, routeParams({ id }))).status).toBe(200);
    // Reads need no origin.
    const read = apiRequest("/api/tokens", { token: null, headers: { cookie: account.cookie } });
    expect((await listTokens(read, routeParams({}))).status).toBe(200);
  });
});

describe("personal API tokens", () => {
  it("are shown once, stored hashed, record their last use, and stop working when revoked", async () => {
    const account = await createTestAccount("member");
    const created = await createToken(browserRequest("/api/tokens", account.cookie, json({ name: "nightly\u0000 eval\n script" })), routeParams({}));
    expect(created.status).toBe(201);
    const token = await created.json();
    expect(token).toMatchObject({ name: "nightly eval script", lastUsedAt: null, revokedAt: null });
    expect(token.token).toMatch(/^lbt_[A-Za-z0-9_-]{43}$/);
    expect(token.prefix).toBe(token.token.slice(0, 10));

    const row = await getDb().apiToken.findUniqueOrThrow({ where: { id: token.id } });
    expect(row.tokenHash).toBe(createHash("sha256").update(token.token).digest("hex"));
    expect(JSON.stringify(row)).not.toContain(token.token);

    const me = await getSession(apiRequest("/api/session", { token: token.token }), routeParams({}));
    expect(await me.json()).toMatchObject({ kind: "token", role: "member", user: { email: account.email } });
    const listed = await (await listTokens(browserRequest("/api/tokens", account.cookie), routeParams({}))).json();
    const entry = listed.items.find((item: { id: string }) => item.id === token.id);
    expect(entry.lastUsedAt).not.toBeNull();
    expect(JSON.stringify(listed)).not.toContain(token.token);

    const revoked = await revokeToken(browserRequest(`/api/tokens/${token.id}`, account.cookie, { method: "DELETE" }), routeParams({ id: token.id }));
    expect(revoked.status).toBe(200);
    expect((await revoked.json()).revokedAt).not.toBeNull();
    const after = await getSession(apiRequest("/api/session", { token: token.token }), routeParams({}));
    expect(after.status).toBe(401);
  });

  it("belong to their owner: a member cannot revoke another's token, an admin can", async () => {
    const alice = await createTestAccount("member");
    const bob = await createTestAccount("member");
    const admin = await createTestAccount("admin");
    const bobsToken = (await getDb().apiToken.findFirstOrThrow({ where: { userId: bob.id } })).id;
    const byAlice = await revokeToken(apiRequest(`/api/tokens/${bobsToken}`, { method: "DELETE", token: alice.token }), routeParams({ id: bobsToken }));
    expect(byAlice.status).toBe(404);

    const seen = await listUserTokens(apiRequest(`/api/users/${bob.id}/tokens`, { token: admin.token }), routeParams({ id: bob.id }));
    expect((await seen.json()).items).toHaveLength(1);
    const byAdmin = await revokeUserToken(
      apiRequest(`/api/users/${bob.id}/tokens/${bobsToken}`, { method: "DELETE", token: admin.token }),
      routeParams({ id: bob.id, tokenId: bobsToken }),
    );
    expect(byAdmin.status).toBe(200);
    expect((await getSession(apiRequest("/api/session", { token: bob.token }), routeParams({}))).status).toBe(401);
  });

  it("are not made for the bootstrap API_TOKEN, which is no account", async () => {
    const response = await createToken(apiRequest("/api/tokens", json({ name: "x" })), routeParams({}));
    expect(response.status).toBe(409);
    expect(await response.json()).toMatchObject({ error: { code: "not_an_account" } });
  });
});

describe("users and roles", () => {
  it("lets the bootstrap API_TOKEN create accounts, and a new role applies at once", async () => {
    const created = await createUserRoute(apiRequest("/api/users", json({ name: "Grace", email: "grace@example.com", password: TEST_PASSWORD })), routeParams({}));
    expect(created.status).toBe(201);
    const grace = await created.json();
    expect(grace).toMatchObject({ role: "member", email: "grace@example.com" });
    const duplicate = await createUserRoute(apiRequest("/api/users", json({ name: "Grace", email: "GRACE@example.com", password: TEST_PASSWORD })), routeParams({}));
    expect(duplicate.status).toBe(409);

    const cookie = await signInCookie("grace@example.com");
    expect((await listUsers(browserRequest("/api/users", cookie), routeParams({}))).status).toBe(403);
    const promoted = await updateUserRoute(apiRequest(`/api/users/${grace.id}`, { ...json({ role: "admin" }), method: "PATCH" }), routeParams({ id: grace.id }));
    expect(promoted.status).toBe(200);
    expect((await listUsers(browserRequest("/api/users", cookie), routeParams({}))).status).toBe(200);
  });

  it("signs a barred person out everywhere and stops their tokens", async () => {
    const member = await createTestAccount("member");
    const barred = await updateUserRoute(apiRequest(`/api/users/${member.id}`, { ...json({ banned: true }), method: "PATCH" }), routeParams({ id: member.id }));
    expect(barred.status).toBe(200);
    expect((await getSession(browserRequest("/api/session", member.cookie), routeParams({}))).status).toBe(401);
    expect((await getSession(apiRequest("/api/session", { token: member.token }), routeParams({}))).status).toBe(401);
    const again = await signIn(signInRequest(member.email, TEST_PASSWORD, freshIp()), routeParams({}));
    expect(again.status).toBe(403);
    expect(await again.json()).toMatchObject({ error: { code: "account_disabled" } });
  });

  it("never leaves the product without an admin", async () => {
    const admin = await createTestAccount("admin");
    for (const call of [
      () => updateUserRoute(apiRequest(`/api/users/${admin.id}`, { ...json({ role: "member" }), method: "PATCH" }), routeParams({ id: admin.id })),
      () => deleteUserRoute(apiRequest(`/api/users/${admin.id}`, { method: "DELETE" }), routeParams({ id: admin.id })),
    ]) {
      const response = await call();
      expect(response.status).toBe(409);
      expect(await response.json()).toMatchObject({ error: { code: "last_admin" } });
    }
    const second = await createTestAccount("admin");
    expect((await deleteUserRoute(apiRequest(`/api/users/${admin.id}`, { method: "DELETE" }), routeParams({ id: admin.id }))).status).toBe(204);
    expect(await getDb().apiToken.count({ where: { userId: admin.id } })).toBe(0);
    expect(second.role).toBe("admin");
  });
});

describe("request bodies", () => {
  it(`refuses JSON over ${MAX_JSON_BODY_BYTES} bytes, declared or streamed`, async () => {
    const big = JSON.stringify({ datasetId: "x".repeat(MAX_JSON_BODY_BYTES), baseModelId: "demo-tiny-zh" });
    const declared = await createJob(apiRequest("/api/jobs", { method: "POST", headers: { "content-type": "application/json", "content-length": String(big.length) }, body: big }), routeParams({}));
    expect(declared.status).toBe(413);
    const stream = new ReadableStream({
      start(controller) {
        controller.enqueue(new TextEncoder().encode(big));
        controller.close();
      },
    });
    const streamed = await createJob(apiRequest("/api/jobs", { method: "POST", headers: { "content-type": "application/json" }, body: stream, duplex: "half" } as RequestInit), routeParams({}));
    expect(streamed.status).toBe(413);
    expect(await streamed.json()).toMatchObject({ error: { code: "payload_too_large" } });
  });
});

describe("logs", () => {
  it("never contain a password or a token", async () => {
    const lines: string[] = [];
    for (const method of ["log", "info", "warn", "error", "debug"] as const) {
      vi.spyOn(console, method).mockImplementation((...args: unknown[]) => void lines.push(args.map(String).join(" ")));
    }
    const account = await createTestAccount("member");
    await signIn(signInRequest(account.email, "a-wrong-secret-password", freshIp()), routeParams({}));
    await getSession(apiRequest("/api/session", { token: account.token }), routeParams({}));
    await getSession(apiRequest("/api/session", { token: "lbt_an-invalid-token-value" }), routeParams({}));
    const logged = lines.join("\n");
    for (const secret of [TEST_PASSWORD, "a-wrong-secret-password", account.token, "lbt_an-invalid-token-value", process.env.API_TOKEN!]) {
      expect(logged).not.toContain(secret);
    }
  });
});

describe("passwords", () => {
  it("are changed by their owner, which ends their other sessions", async () => {
    const account = await createTestAccount("member");
    const otherBrowser = await signInCookie(account.email);
    const change = (currentPassword: string, cookie = account.cookie) =>
      changePassword(browserRequest("/api/session/password", cookie, json({ currentPassword, newPassword: "a brand new password" })), routeParams({}));

    const wrong = await change("not my password");
    expect(wrong.status).toBe(422);
    expect(await wrong.json()).toMatchObject({ error: { code: "wrong_password" } });
    const changed = await change(TEST_PASSWORD);
    expect(changed.status).toBe(204);
    const freshCookie = cookieHeaderFrom(changed);
    expect(freshCookie).toMatch(/session_token=/);
    expect((await getSession(browserRequest("/api/session", freshCookie), routeParams({}))).status).toBe(200);
    expect((await getSession(browserRequest("/api/session", otherBrowser), routeParams({}))).status).toBe(401);
    expect((await signIn(signInRequest(account.email, TEST_PASSWORD, freshIp()), routeParams({}))).status).toBe(401);
    expect((await signIn(signInRequest(account.email, "a brand new password", freshIp()), routeParams({}))).status).toBe(200);
    // A token is no password holder.
    const byToken = await changePassword(apiRequest("/api/session/password", { ...json({ currentPassword: "x", newPassword: "0123456789ab" }), token: account.token }), routeParams({}));
    expect(byToken.status).toBe(409);
  });

  it("are reset by an admin for someone who forgot theirs, signing them out", async () => {
    const member = await createTestAccount("member");
    const reset = await updateUserRoute(apiRequest(`/api/users/${member.id}`, { ...json({ password: "reset by the admin" }), method: "PATCH" }), routeParams({ id: member.id }));
    expect(reset.status).toBe(200);
    expect((await getSession(browserRequest("/api/session", member.cookie), routeParams({}))).status).toBe(401);
    expect((await signIn(signInRequest(member.email, TEST_PASSWORD, freshIp()), routeParams({}))).status).toBe(401);
    expect((await signIn(signInRequest(member.email, "reset by the admin", freshIp()), routeParams({}))).status).toBe(200);
  });
});
