// A `page` that is signed in with the test API token, as a person would after the sign-in form.
import { test as base, expect } from "@playwright/test";

export const test = base.extend({
  page: async ({ page }, use) => {
    const response = await page.request.post("/api/session", { data: { token: process.env.API_TOKEN } });
    expect(response.status()).toBe(204);
    await use(page);
  },
});

export { expect };
