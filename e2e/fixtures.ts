// A `page` signed in as the e2e admin with email and password, as a person would after the
// sign-in form. The account is made through the API with the bootstrap API_TOKEN if missing.
import { test as base, expect, type APIRequestContext } from "@playwright/test";

export const E2E_ADMIN = { name: "E2E Admin", email: "e2e-admin@example.com", password: "e2e-admin-password-0123" };

/** A script's view of the API: `Authorization: Bearer <API_TOKEN>` (acts as an admin). */
export async function bootstrapApi(playwright: { request: { newContext: (options: object) => Promise<APIRequestContext> } }, baseURL: string) {
  return playwright.request.newContext({ baseURL, extraHTTPHeaders: { authorization: `Bearer ${process.env.API_TOKEN}` } });
}

/** Creates an account unless it exists (409). */
export async function ensureUser(api: APIRequestContext, user: { name: string; email: string; password: string; role?: "admin" | "member" }) {
  const response = await api.post("/api/users", { data: { role: "admin", ...user } });
  expect([201, 409], await response.text()).toContain(response.status());
}

export const test = base.extend({
  page: async ({ page, playwright, baseURL }, use) => {
    const api = await bootstrapApi(playwright, baseURL!);
    await ensureUser(api, E2E_ADMIN);
    await api.dispose();
    const response = await page.request.post("/api/session", { data: { email: E2E_ADMIN.email, password: E2E_ADMIN.password } });
    expect(response.status(), await response.text()).toBe(200);
    // page.request shares the browser's cookie; like a page's own fetch it says which origin it
    // acts for, or the CSRF check refuses its changes. (Chromium's requests carry Sec-Fetch-Site too.)
    await page.context().setExtraHTTPHeaders({ origin: new URL(baseURL!).origin });
    await use(page);
  },
});

export { expect };
