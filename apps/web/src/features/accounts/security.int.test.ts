// Faults a review of the running product reproduced (issue 16, security 1, 2, 3 and 13), each
// against real Postgres and Redis, the races with real concurrency; docs/security.md lists them.
import { existsSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { getDb } from "@loraboard/db/server";
import { POST as signIn } from "@/app/api/session/route";
import { POST as setUp } from "@/app/api/setup/route";
import { POST as createToken } from "@/app/api/tokens/route";
import { DELETE as deleteUserRoute, PATCH as updateUserRoute } from "@/app/api/users/[id]/route";
import { getSetupCode } from "@/features/accounts/server/setup-code";
import { createUser } from "@/features/accounts/server/users";
import { MAX_FAILURES_PER_EMAIL, MAX_FAILURES_PER_IP } from "@/server/auth/login-rate-limit";
import { apiRequest, routeParams } from "../../../../../tests/helpers/api";
import { TEST_PASSWORD, browserRequest, createTestAccount } from "../../../../../tests/helpers/accounts";

// The web env is read lazily, once per test file: this file's dashboard sits behind one proxy.
const PROXY = "10.9.8.7";
process.env.TRUSTED_PROXIES = PROXY;
afterAll(() => void delete process.env.TRUSTED_PROXIES);

const json = (body: unknown, headers: Record<string, string> = {}) => ({
  method: "POST",
  headers: { "content-type": "application/json", ...headers },
  body: JSON.stringify(body),
});
let counter = 0;
const freshIp = () => `2001:db8:5ec:${(process.pid % 0xffff).toString(16)}::${(++counter).toString(16)}`;
const signInFrom = (peer: string, email: string, password: string, headers: Record<string, string> = {}) =>
  signIn(apiRequest("/api/session", { ...json({ email, password }, headers), token: null, peer }), routeParams({}));

describe("1. the first admin from another machine", () => {
  const admin = { name: "Ada", email: "ada@example.com", password: TEST_PASSWORD };
  const setUpFrom = (peer: string, body: object, headers: Record<string, string> = {}) =>
    setUp(apiRequest("/api/setup", { ...json(body, headers), token: null, peer }), routeParams({}));

  it("needs the setup code the server printed; at the server's own keyboard it does not", async () => {
    const missing = await setUpFrom("203.0.113.9", admin);
    expect(missing.status).toBe(403);
    expect(await missing.json()).toMatchObject({ error: { code: "setup_code_required" } });
    const wrong = await setUpFrom("203.0.113.9", { ...admin, setupCode: "AAAA-BBBB-CCCC" });
    expect(wrong.status).toBe(403);
    expect(await wrong.json()).toMatchObject({ error: { code: "wrong_setup_code" } });
    // A proxy on the same machine that TRUSTED_PROXIES does not list is no local visitor.
    const viaLocalProxy = await setUpFrom("127.0.0.1", admin, { "x-forwarded-for": "203.0.113.9" });
    expect(viaLocalProxy.status).toBe(403);
    // A made-up peer header is replaced by server.mjs; one sent as X-Forwarded-For is not believed.
    const forged = await setUpFrom("203.0.113.9", admin, { "x-forwarded-for": "127.0.0.1" });
    expect(forged.status).toBe(403);
    expect(await getDb().user.count()).toBe(0);

    const code = getSetupCode().toLowerCase().replaceAll("-", " ");
    const withCode = await setUpFrom("203.0.113.9", { ...admin, setupCode: code });
    expect(withCode.status).toBe(201);
    expect(await withCode.json()).toMatchObject({ kind: "session", role: "admin" });
    // Used up: the code's file is gone with the setup.
    expect(existsSync(path.join(process.env.DATA_DIR!, "setup-code"))).toBe(false);
  });

  it("needs no code from localhost", async () => {
    expect((await setUpFrom("::1", admin)).status).toBe(201);
  });
});

describe("2. the sign-in limit", () => {
  it(`lets no burst check more than ${MAX_FAILURES_PER_EMAIL} passwords for one email, nor the right one inside it`, async () => {
    const account = await createTestAccount("member");
    // 120 concurrent wrong guesses from 120 addresses (the per-email limit alone), the right
    // password sent in the middle of them.
    const attempts = Array.from({ length: 121 }, (_, index) => (index === 60 ? TEST_PASSWORD : `wrong-guess-${index}`));
    const responses = await Promise.all(attempts.map((password) => signInFrom(freshIp(), account.email, password)));
    const statuses = responses.map((response) => response.status);
    expect(statuses.filter((status) => status === 200)).toEqual([]);
    expect(statuses.filter((status) => status === 401).length).toBeLessThanOrEqual(MAX_FAILURES_PER_EMAIL);
    expect(statuses.filter((status) => status === 429).length).toBeGreaterThanOrEqual(attempts.length - MAX_FAILURES_PER_EMAIL);
    expect(statuses[60]).toBe(429);
    expect((await signInFrom(freshIp(), account.email, TEST_PASSWORD)).status).toBe(429);
  });

  it("counts the address the connection came from, believing X-Forwarded-For only from TRUSTED_PROXIES", async () => {
    const client = "198.51.100.23";
    // Through the proxy, which appends the address it saw; the client adds a made-up hop of its own
    // to the left of it each time.
    const failures = await Promise.all(
      Array.from({ length: MAX_FAILURES_PER_IP }, (_, index) =>
        signInFrom(PROXY, `guess-${index}@example.com`, "wrong password!", { "x-forwarded-for": `192.0.2.${index}, ${client}` }),
      ),
    );
    expect(failures.map((response) => response.status)).toEqual(failures.map(() => 401));
    const account = await createTestAccount("member");
    expect((await signInFrom(PROXY, account.email, TEST_PASSWORD, { "x-forwarded-for": `192.0.2.250, ${client}` })).status).toBe(429);
    // Connecting directly, a made-up X-Forwarded-For changes nothing: the locked-out address stays locked out...
    for (const madeUp of ["192.0.2.200", "127.0.0.1", `${freshIp()}, 192.0.2.201`]) {
      expect((await signInFrom(client, account.email, TEST_PASSWORD, { "x-forwarded-for": madeUp })).status, madeUp).toBe(429);
    }
    // ...and nobody locks another address out by naming it.
    expect((await signInFrom(freshIp(), account.email, TEST_PASSWORD, { "x-forwarded-for": client })).status).toBe(200);
    // Others behind the same proxy are not locked out.
    expect((await signInFrom(PROXY, account.email, TEST_PASSWORD, { "x-forwarded-for": "198.51.100.24" })).status).toBe(200);
  });
});

describe("3. API tokens", () => {
  it("cannot create API tokens, whatever their role; a signed-in session can", async () => {
    for (const role of ["member", "admin"] as const) {
      const account = await createTestAccount(role);
      const byToken = await createToken(apiRequest("/api/tokens", { ...json({ name: "minted" }), token: account.token }), routeParams({}));
      expect(byToken.status, role).toBe(403);
      expect(await byToken.json()).toMatchObject({ error: { code: "session_required" } });
      const bySession = await createToken(browserRequest("/api/tokens", account.cookie, json({ name: "from the dashboard" })), routeParams({}));
      expect(bySession.status, role).toBe(201);
    }
    expect(await getDb().apiToken.count({ where: { name: "minted" } })).toBe(0);
  });
});

describe("13. the last admin", () => {
  async function twoAdmins() {
    const make = (name: string) => createUser({ name, email: `${name.toLowerCase()}-${++counter}@example.com`, password: TEST_PASSWORD, role: "admin" });
    return [await make("Ada"), await make("Grace")] as const;
  }
  // Sent with the bootstrap API_TOKEN, which stays an admin whoever is demoted first: only the
  // last-admin check decides.
  const patch = (id: string, body: object) => updateUserRoute(apiRequest(`/api/users/${id}`, { ...json(body), method: "PATCH" }), routeParams({ id }));
  const remove = (id: string) => deleteUserRoute(apiRequest(`/api/users/${id}`, { method: "DELETE" }), routeParams({ id }));

  const races: Record<string, (a: string, b: string) => Promise<Response>[]> = {
    "demote each other": (a, b) => [patch(b, { role: "member" }), patch(a, { role: "member" })],
    "disable each other": (a, b) => [patch(b, { banned: true }), patch(a, { banned: true })],
    "delete each other": (a, b) => [remove(b), remove(a)],
    "one demotes, the other deletes": (a, b) => [patch(b, { role: "member" }), remove(a)],
  };

  for (const [race, start] of Object.entries(races)) {
    it(`survives two admins who ${race} at the same moment`, async () => {
      for (let round = 0; round < 3; round++) {
        await getDb().user.deleteMany({});
        const [ada, grace] = await twoAdmins();
        const responses = await Promise.all(start(ada.id, grace.id));
        const statuses = responses.map((response) => response.status).sort();
        expect(statuses[1], `round ${round}`).toBe(409);
        expect([200, 204], `round ${round}`).toContain(statuses[0]);
        expect(await getDb().user.count({ where: { role: "admin", banned: false } }), `round ${round}`).toBe(1);
      }
    });
  }
});
