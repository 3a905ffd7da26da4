// Accounts in the browser: a fresh install's first visit lands on the one-time setup, the admin
// adds a member, makes an API token that is shown once, sees its last use and revokes it; a
// member sees no Users page, is refused admin routes and changes their password; pages carry
// security headers; the dashboard listens on this machine only unless HOST says otherwise.
import { connect } from "node:net";
import { networkInterfaces } from "node:os";
import pg from "pg";
import { expect, test } from "@playwright/test";
import { bootstrapApi } from "./fixtures";

const SHOTS = "e2e/artifacts/screenshots";
const RUN = Date.now().toString(36);
const FIRST_ADMIN = { name: "First Admin", email: `first-admin-${RUN}@example.com`, password: "first-admin-password" };
const MEMBER = { name: "Mia Member", email: `member-${RUN}@example.com`, password: "member-password-0123" };

/** Back to a fresh install's accounts: no users (their sessions and tokens go with them). */
async function removeEveryAccount() {
  const url = process.env.DATABASE_URL ?? "";
  if (!new URL(url).pathname.endsWith("_test")) throw new Error("refusing to empty the accounts of a database not named *_test");
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query("TRUNCATE users CASCADE");
  await client.end();
}

test.describe.configure({ mode: "serial" });

test("the first visit creates the admin, who adds a member and manages an API token", async ({ page, playwright, baseURL }) => {
  await removeEveryAccount();
  await page.goto("/");
  await expect(page).toHaveURL(/\/setup$/);
  await expect(page.getByRole("heading", { name: "Welcome to loraboard" })).toBeVisible();
  await page.getByLabel("Your name").fill(FIRST_ADMIN.name);
  await page.getByLabel("Email").fill(FIRST_ADMIN.email);
  await page.getByLabel("Password").fill(FIRST_ADMIN.password);
  await page.screenshot({ path: `${SHOTS}/accounts-1-setup.png` });
  await page.getByRole("button", { name: "Create admin account" }).click();
  await expect(page).toHaveURL(/\/datasets$/);
  await expect(page.getByTestId("user-menu")).toContainText(FIRST_ADMIN.email);
  await expect(page.getByTestId("user-menu")).toContainText("admin");

  // The setup is closed now: the page sends people to sign in.
  const second = await page.context().browser()!.newPage();
  await second.goto(`${baseURL}/setup`);
  await expect(second).toHaveURL(/\/sign-in/);
  await second.close();

  // Users: add a member.
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Users" }).click();
  await page.locator("#user-name").fill(MEMBER.name);
  await page.locator("#user-email").fill(MEMBER.email);
  await page.locator("#user-password").fill(MEMBER.password);
  await page.getByRole("button", { name: "Add user" }).click();
  await expect(page.locator(`[data-testid="user-row"][data-email="${MEMBER.email}"]`)).toContainText("member");
  await page.screenshot({ path: `${SHOTS}/accounts-2-users.png` });

  // API tokens: shown once, works as a bearer token, last use recorded, revoked for good.
  await page.getByTestId("user-menu").getByRole("link", { name: "API tokens" }).click();
  await page.getByLabel("New token name").fill(`e2e script ${RUN}`);
  await page.getByRole("button", { name: "Create token" }).click();
  const token = (await page.getByTestId("created-token-value").textContent())!.trim();
  expect(token).toMatch(/^lbt_/);
  const script = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { authorization: `Bearer ${token}` } });
  expect((await script.get("/api/session")).status()).toBe(200);
  await page.reload();
  await expect(page.getByTestId("created-token")).toHaveCount(0);
  const row = page.locator(`[data-testid="token-row"][data-token-name="e2e script ${RUN}"]`);
  await expect(row.getByTestId("token-last-used")).not.toHaveText("never");
  await page.screenshot({ path: `${SHOTS}/accounts-3-tokens.png` });
  await row.getByRole("button", { name: /Revoke/ }).click();
  await expect(row.getByTestId("token-revoked")).toBeVisible();
  expect((await script.get("/api/session")).status()).toBe(401);
  await script.dispose();
});

test("a member signs in, sees no Users page and is refused admin routes", async ({ page }) => {
  await page.goto("/sign-in");
  await page.getByLabel("Email").fill(MEMBER.email);
  await page.getByLabel("Password").fill(MEMBER.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/datasets$/);
  await expect(page.getByTestId("user-menu")).toContainText(MEMBER.email);
  await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Users" })).toHaveCount(0);
  const answer = await page.evaluate(async () => {
    const response = await fetch("/api/users");
    return { status: response.status, body: await response.json() };
  });
  expect(answer).toMatchObject({ status: 403, body: { error: { code: "forbidden" } } });
  // They change the password the admin gave them.
  await page.getByTestId("user-menu").getByRole("link", { name: "Password" }).click();
  await page.getByLabel("Current password").fill(MEMBER.password);
  await page.getByLabel("New password").fill(`${MEMBER.password}-changed`);
  await page.getByRole("button", { name: "Change password" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Password changed" })).toBeVisible();
  // Sign out ends the session; the new password signs back in.
  await page.getByTestId("user-menu").getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/sign-in/);
  expect(await page.evaluate(async () => (await fetch("/api/session")).status)).toBe(401);
  await page.getByLabel("Email").fill(MEMBER.email);
  await page.getByLabel("Password").fill(`${MEMBER.password}-changed`);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/datasets$/);
});

test("pages and API answers carry the security headers; the bootstrap API_TOKEN still works", async ({ request, playwright, baseURL }) => {
  const page = await request.get("/sign-in");
  const headers = page.headers();
  expect(headers["content-security-policy"]).toContain("frame-ancestors 'none'");
  expect(headers["content-security-policy"]).toContain("default-src 'self'");
  expect(headers["x-frame-options"]).toBe("DENY");
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
  expect(headers["strict-transport-security"]).toBeUndefined();
  const behindTls = await request.get("/api/health", { headers: { "x-forwarded-proto": "https" } });
  expect(behindTls.headers()["strict-transport-security"]).toContain("max-age=");

  const api = await bootstrapApi(playwright, baseURL!);
  const me = await api.get("/api/session");
  expect(await me.json()).toMatchObject({ kind: "bootstrap", role: "admin" });
  await api.dispose();
});

test("with HOST unset the dashboard answers on 127.0.0.1 and on none of the machine's other addresses", async ({ request, baseURL }) => {
  // Playwright starts it as `npm run up` does (node apps/web/server.mjs, no HOST).
  expect((await request.get("/api/health")).headers()["content-type"]).toContain("application/json");
  const port = Number(new URL(baseURL!).port);
  const others = Object.values(networkInterfaces()).flat().filter((address) => address && !address.internal);
  expect(others.length, "this check needs a machine with a network address").toBeGreaterThan(0);
  for (const address of others) {
    const outcome = await new Promise<string>((resolve) => {
      const socket = connect({ host: address!.address, port, timeout: 3000 });
      socket.once("connect", () => (socket.destroy(), resolve("connected")));
      socket.once("timeout", () => (socket.destroy(), resolve("timeout")));
      socket.once("error", (error: NodeJS.ErrnoException) => resolve(error.code ?? error.message));
    });
    expect(outcome, `${address!.address}:${port}`).not.toBe("connected");
  }
});
