// The API reference page renders the OpenAPI document; /api/openapi.json serves it to any caller
// with credentials (it maps every route, so it is not public).
import { expect, test as unauthenticated } from "@playwright/test";
import { bootstrapApi, test } from "./fixtures";

unauthenticated("the OpenAPI description needs credentials and lists the routes", async ({ request, playwright, baseURL }) => {
  expect((await request.get("/api/openapi.json")).status()).toBe(401);
  const api = await bootstrapApi(playwright, baseURL!);
  const response = await api.get("/api/openapi.json");
  expect(response.status()).toBe(200);
  const document = await response.json();
  expect(document.openapi).toBe("3.1.0");
  expect(Object.keys(document.paths)).toEqual(expect.arrayContaining(["/api/health", "/api/jobs/{id}/events", "/api/datasets", "/api/tokens"]));
  await api.dispose();
});

test("the API reference shows routes by tag with schemas and curl examples", async ({ page }) => {
  await page.goto("/");
  await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "API" }).click();
  await expect(page).toHaveURL(/\/api-reference$/);
  await expect(page.getByRole("heading", { name: "API reference" })).toBeVisible();
  for (const tag of ["Datasets", "Jobs", "Adapters", "Playground", "Evaluations"]) {
    await expect(page.getByRole("heading", { name: tag, exact: true })).toBeVisible();
  }
  const createJob = page.getByRole("article", { name: "POST /api/jobs", exact: true });
  await expect(createJob).toContainText("Queue a LoRA fine-tune job");
  await expect(createJob.getByLabel("curl example")).toContainText("Authorization: Bearer $API_TOKEN");
  await createJob.getByText("Request body (application/json)").click();
  const requestSchema = createJob.locator("details", { hasText: "Request body" }).locator("pre");
  await expect(requestSchema).toBeVisible();
  await expect(requestSchema).toContainText('"loraR"');
  await expect(page.getByRole("link", { name: "OpenAPI 3.1 JSON" })).toHaveAttribute("href", "/api/openapi.json");
  await createJob.scrollIntoViewIfNeeded();
  await page.screenshot({ path: "e2e/artifacts/screenshots/api-reference-create-job.png" });
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: "e2e/artifacts/screenshots/api-reference.png" });
});
