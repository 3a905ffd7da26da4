import { expect, test as unauthenticated } from "@playwright/test";
import { E2E_ADMIN, bootstrapApi, ensureUser, test } from "./fixtures";

unauthenticated("a visitor is sent to sign in, and a wrong password is refused with a message", async ({ page, playwright, baseURL }) => {
  const api = await bootstrapApi(playwright, baseURL!);
  await ensureUser(api, E2E_ADMIN);
  await api.dispose();
  await page.goto("/jobs");
  await expect(page).toHaveURL(/\/sign-in\?next=%2Fjobs/);
  await page.getByLabel("Email").fill(E2E_ADMIN.email);
  await page.getByLabel("Password").fill("not the password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Wrong email" })).toContainText("Wrong email or password");
  await page.getByLabel("Password").fill(E2E_ADMIN.password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/jobs$/);
  await expect(page.getByTestId("user-menu")).toContainText(E2E_ADMIN.email);
});

test("the dashboard opens with navigation, empty states and health from the API", async ({ page }) => {
  await page.goto("/");
  await expect(page).toHaveURL(/\/datasets$/);
  const nav = page.getByRole("navigation", { name: "Main" });
  for (const section of ["Datasets", "Jobs", "Adapters", "Playground", "Evaluations"]) {
    await expect(nav.getByRole("link", { name: section })).toBeVisible();
  }
  // Postgres and Redis are up and the worker is counted; no inference server runs in this test.
  await expect(page.getByTestId("health-details")).toContainText("postgres ok · redis ok");
  await expect(page.getByTestId("health-details")).toContainText("1 worker");
  await page.screenshot({ path: "e2e/artifacts/screenshots/datasets-empty.png" });

  await nav.getByRole("link", { name: "Jobs" }).click();
  // Other specs start jobs in the same database, so the jobs page may list some (jobs.spec checks its empty state).
  await expect(page.getByRole("heading", { name: "Fine-tune jobs" })).toBeVisible();
  await expect(nav.getByRole("link", { name: "Jobs" })).toHaveAttribute("aria-current", "page");
});
