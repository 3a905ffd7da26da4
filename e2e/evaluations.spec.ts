// The evaluation pages in the browser. Reports with known numbers are seeded straight into the
// database (no model answers predictably): a finished one is read back (numbers, confusion
// matrix, comparison, error browser, CSV) and a running one is watched finishing. Then an
// evaluation made through the form runs on whatever inference server there is, or fails clearly.
import { execFileSync } from "node:child_process";
import path from "node:path";
import type { APIRequestContext } from "@playwright/test";
import { expect, test } from "./fixtures";

const SHOTS = "e2e/artifacts/screenshots";
const ROOT = path.resolve(import.meta.dirname, "..");
// The e2e database keeps earlier runs' rows; a run-unique name finds this run's.
const RUN = Date.now().toString(36);

interface Seeded {
  evaluationId: string;
  otherId: string;
  adapterEvaluationId: string;
  runningId: string;
  datasetId: string;
  datasetName: string;
}

function runSeedScript(args: string[]) {
  const stdout = execFileSync("npx", ["tsx", "e2e/seed/seed-evaluation.ts", ...args], { cwd: ROOT, encoding: "utf8", env: process.env });
  return JSON.parse(stdout.trim().split("\n").at(-1)!) as unknown;
}

/**
 * A succeeded zero-shot evaluation (30 rows: 23 right, 4 wrong, 3 invalid); on the same split a
 * 2-shot one (28 right), an adapter's (29 right, 1 invalid, label words 差评/好评) and a running
 * one with 12 of 30 rows answered.
 */
let seeded: Seeded;
test.beforeAll(() => {
  seeded = runSeedScript([RUN]) as Seeded;
});

/** 20 labelled rows uploaded through the API: 10 in the test split, 8 to train on (too few for 16-shot). */
async function uploadDataset(request: APIRequestContext, name: string) {
  const rows = ["sentence,label"];
  for (let i = 0; i < 10; i += 1) rows.push(`质量很好，第${i}次购买,1`, `质量太差，第${i}次购买,0`);
  const response = await request.post("/api/datasets", {
    multipart: {
      name,
      testFraction: "0.5",
      file: { name: "e2e-eval.csv", mimeType: "text/csv", buffer: Buffer.from(rows.join("\n"), "utf8") },
    },
  });
  expect(response.status(), await response.text()).toBe(201);
  return (await response.json()) as { id: string; name: string };
}

test("the list shows an empty state that leads to the form; an unknown report says so", async ({ page }) => {
  // The shared e2e database has other runs' evaluations: the list is answered empty here.
  await page.route("**/api/evaluations?*", (route) => route.fulfill({ json: { items: [], nextCursor: null } }));
  await page.goto("/evaluations");
  await expect(page.getByRole("heading", { name: "No evaluations yet" })).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/evaluations-empty.png` });
  await page.getByRole("main").getByRole("link", { name: "New evaluation" }).last().click();
  await expect(page).toHaveURL(/\/evaluations\/new$/);
  await expect(page.getByRole("button", { name: "Start evaluation" })).toBeVisible();

  await page.goto("/evaluations/no-such-evaluation");
  await expect(page.getByRole("main").getByRole("alert")).toContainText("no-such-evaluation");
  await page.getByRole("link", { name: "Back to evaluations" }).click();
  await expect(page).toHaveURL(/\/evaluations$/);
});

test("a finished report shows its numbers, confusion matrix, comparison, error browser and CSV", async ({ page }) => {
  await page.goto(`/evaluations/${seeded.evaluationId}`);
  await expect(page.getByRole("heading", { level: 1, name: "demo-tiny-zh" })).toBeVisible();
  await expect(page.getByTestId("evaluation-status").first()).toHaveAttribute("data-status", "succeeded");

  // Headline: 23 of 30 right with invalid counted wrong; the tutorial's valid-only figure is 23 / 27.
  await expect(page.getByTestId("stat-accuracy")).toContainText("76.7%");
  await expect(page.getByTestId("stat-accuracy")).toContainText("23 of 30 right");
  await expect(page.getByTestId("stat-valid-accuracy")).toContainText("85.2%");
  await expect(page.getByTestId("stat-valid-accuracy")).toContainText("tutorial");
  await expect(page.getByTestId("stat-invalid-rate")).toContainText("10.0%");
  await expect(page.getByTestId("stat-macro-f1")).toContainText("0.807");
  await expect(page.getByTestId("stat-throughput")).toContainText("12.5");
  await expect(page.getByTestId("stat-rows")).toContainText("30");

  // The confusion matrix is a table with counts and row percentages, invalid answers in their own column.
  const matrix = page.getByRole("table", { name: /Confusion matrix/ });
  await expect(matrix.getByRole("columnheader", { name: /invalid/ })).toBeVisible();
  await expect(matrix.getByRole("columnheader", { name: /0 · 消极/ })).toBeVisible();
  await expect(matrix.getByRole("rowheader", { name: /true 1 · 积极/ })).toBeVisible();
  const cells: [string, string, string][] = [
    ["0-0", "11", "73.3%"],
    ["0-1", "2", "13.3%"],
    ["0-invalid", "2", "13.3%"],
    ["1-0", "2", "13.3%"],
    ["1-1", "12", "80.0%"],
    ["1-invalid", "1", "6.7%"],
  ];
  for (const [cell, count, share] of cells) {
    await expect(page.getByTestId(`confusion-${cell}`)).toHaveText(`${count}${share}`);
  }

  // Per-class bars (recharts) and their numbers.
  await expect(page.getByTestId("per-class-chart").locator(".recharts-bar-rectangle")).toHaveCount(6);
  await expect(page.getByTestId("per-class-table")).toContainText("0.846");
  await expect(page.getByTestId("per-class-table")).toContainText("0.800");

  // Every evaluation of the split, base and adapter, best first, this one marked.
  const comparison = page.getByTestId("comparison-row");
  await expect(comparison).toHaveCount(4);
  await expect(comparison.nth(0)).toContainText(`e2e-eval-${RUN}`);
  await expect(comparison.nth(0)).toContainText("adapter · zero-shot");
  await expect(comparison.nth(0)).toContainText("96.7%");
  await expect(comparison.nth(0)).toContainText("+20.0 pt");
  await expect(comparison.nth(1)).toContainText("base model · 2-shot");
  await expect(comparison.nth(1)).toContainText("93.3%");
  await expect(comparison.nth(1)).toContainText("+16.7 pt");
  await expect(comparison.nth(2)).toHaveAttribute("aria-current", "true");
  await expect(comparison.nth(2)).toContainText("this report");

  // Error browser: wrong answers by default (invalid ones count as wrong), then invalid, all, search, pages.
  const browser = page.getByTestId("error-browser");
  const rows = browser.getByTestId("prediction-row");
  await expect(browser.getByRole("tab", { name: /Wrong/ })).toHaveAttribute("aria-selected", "true");
  await expect(browser.getByTestId("predictions-range")).toHaveText("1–7 of 7");
  await expect(rows).toHaveCount(7);
  await expect(rows.first()).toContainText("0 · 消极");
  await expect(rows.first()).toContainText("1 · 积极");
  await page.screenshot({ path: `${SHOTS}/evaluation-report.png`, fullPage: true });

  // Arrow keys move between the filters, as tabs do.
  await browser.getByRole("tab", { name: /Wrong/ }).focus();
  await page.keyboard.press("ArrowRight");
  await expect(browser.getByRole("tab", { name: /Invalid/ })).toBeFocused();
  await expect(browser.getByRole("tab", { name: /Invalid/ })).toHaveAttribute("aria-selected", "true");
  await expect(browser.getByTestId("predictions-range")).toHaveText("1–3 of 3");
  await expect(rows).toHaveCount(3);
  for (let i = 0; i < 3; i += 1) await expect(rows.nth(i).getByText("invalid", { exact: true })).toBeVisible();
  await expect(rows.nth(0)).toContainText("嗯，这个嘛");
  await expect(rows.nth(1)).toContainText("(empty)");

  await browser.getByRole("tab", { name: /All/ }).click();
  await expect(browser.getByTestId("predictions-range")).toHaveText("1–20 of 30");
  await browser.getByRole("button", { name: "Next" }).click();
  await expect(browser.getByTestId("predictions-range")).toHaveText("21–30 of 30");
  await expect(rows).toHaveCount(10);

  await browser.getByLabel("Search predictions").fill("物流");
  await expect(browser.getByTestId("predictions-range")).toHaveText("1–3 of 3");
  for (let i = 0; i < 3; i += 1) await expect(rows.nth(i)).toContainText("物流");
  await browser.getByRole("tab", { name: /Wrong/ }).click();
  await expect(browser.getByText("No wrong prediction contains “物流”.")).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/evaluation-error-browser-search.png` });

  // CSV: every prediction from the header, the current view from the browser.
  const csvHref = await page.getByRole("link", { name: "Download CSV" }).getAttribute("href");
  const csv = await page.request.get(csvHref!);
  expect(csv.headers()["content-type"]).toContain("text/csv");
  const lines = (await csv.text()).trim().split("\r\n");
  expect(lines[0]).toBe("index,sentence,label,predicted,correct,output");
  expect(lines).toHaveLength(31);
  await browser.getByLabel("Search predictions").fill("");
  await browser.getByRole("tab", { name: /Invalid/ }).click();
  await expect(browser.getByTestId("predictions-range")).toHaveText("1–3 of 3");
  const viewHref = await browser.getByRole("link", { name: "CSV of this view" }).getAttribute("href");
  expect(viewHref).toContain("filter=invalid");
  expect((await (await page.request.get(viewHref!)).text()).trim().split("\r\n")).toHaveLength(4);

  // The comparison links to the adapter's report, read with its job's label words.
  await page.getByTestId("comparison-row").nth(0).getByRole("link").click();
  await expect(page).toHaveURL(new RegExp(`/evaluations/${seeded.adapterEvaluationId}$`));
  await expect(page.getByTestId("stat-accuracy")).toContainText("96.7%");
  await expect(page.getByTestId("stat-valid-accuracy")).toContainText("100.0%");
  await expect(page.getByRole("link", { name: "training job" })).toBeVisible();
  await expect(page.getByRole("table", { name: /Confusion matrix/ }).getByRole("columnheader", { name: /1 · 好评/ })).toBeVisible();
  await expect(page.getByTestId("error-browser").getByTestId("prediction-row").first()).toContainText("1 · 好评");
  await expect(page.getByTestId("comparison-row").nth(0)).toHaveAttribute("aria-current", "true");
  // Its base model's zero-shot baseline (the seeded zero-shot report): the lift, invalid rates side by side.
  await expect(page.getByTestId("baseline-lift-line")).toContainText("Base model (zero-shot) 76.7% → adapter 96.7%");
  await expect(page.getByTestId("baseline-lift-points")).toHaveText("+20.0 points");
  await expect(page.getByTestId("baseline-invalid-rates")).toContainText("base10.0%");
  await expect(page.getByTestId("baseline-invalid-rates")).toContainText("adapter3.3%");
  await expect(page.getByTestId("comparison-row").nth(2).getByTestId("comparison-baseline")).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/evaluation-report-adapter.png`, fullPage: true });
  // The base model's report is marked as a baseline and shows no lift of its own.
  await page.getByTestId("baseline-lift-line").getByRole("link", { name: "Base model (zero-shot)" }).click();
  await expect(page).toHaveURL(new RegExp(`/evaluations/${seeded.evaluationId}$`));
  await expect(page.getByTestId("baseline-lift")).toHaveCount(0);
  await expect(page.locator('[data-testid="comparison-row"][aria-current="true"]').getByTestId("baseline-tag")).toBeVisible();

  // The list marks a highlighted evaluation, as a job's "Evaluation" link asks.
  await page.goto(`/evaluations?highlight=${seeded.evaluationId}`);
  const highlighted = page.locator('[data-testid="evaluation-row"][aria-current="true"]');
  await expect(highlighted).toHaveCount(1);
  await expect(highlighted).toContainText(seeded.datasetName);
  await expect(highlighted).toContainText("76.7%");
  await expect(highlighted).toContainText("30 / 30 rows");
  await expect(highlighted.getByTestId("baseline-tag")).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/evaluations-list.png` });
});

test("a running report shows its progress and partial predictions, then its numbers without a reload", async ({ page }) => {
  try {
    await page.goto(`/evaluations/${seeded.runningId}`);
    await expect(page.getByTestId("evaluation-status").first()).toHaveAttribute("data-status", "running");
    await expect(page.getByRole("progressbar", { name: "Evaluation progress" })).toHaveAttribute("aria-valuenow", "40");
    await expect(page.getByTestId("evaluation-progress-count").first()).toHaveText("12 / 30 rows");
    await expect(page.getByText("updating live")).toBeVisible();
    await expect(page.getByTestId("stat-accuracy")).toHaveCount(0);
    // The rows answered so far are already browsable: 6 of the first 12 are wrong or invalid.
    const browser = page.getByTestId("error-browser");
    await expect(browser.getByTestId("predictions-range")).toHaveText("1–6 of 6");
    await page.screenshot({ path: `${SHOTS}/evaluation-running.png`, fullPage: true });
    // The list shows it in progress and polls too.
    await page.goto("/evaluations");
    await expect(page.getByText(/in progress · updating live/)).toBeVisible();
    await page.goto(`/evaluations/${seeded.runningId}`);
    await expect(page.getByTestId("evaluation-status").first()).toHaveAttribute("data-status", "running");
  } finally {
    runSeedScript(["--finish", seeded.runningId]);
  }
  // The worker's last write reaches the open page by polling.
  await expect(page.getByTestId("stat-accuracy")).toContainText("76.7%");
  await expect(page.getByTestId("evaluation-status").first()).toHaveAttribute("data-status", "succeeded");
  await expect(page.getByTestId("evaluation-progress-count").first()).toHaveText("30 / 30 rows");
  await expect(page.getByTestId("error-browser").getByTestId("predictions-range")).toHaveText("1–7 of 7");
  await expect(page.getByText("updating live")).toHaveCount(0);
});

test("the form places server errors on their field; the evaluation it starts reports, or fails clearly without an inference server", async ({ page }) => {
  const dataset = await uploadDataset(page.request, `Eval form ${RUN}`);
  await page.goto("/evaluations");
  await page.getByRole("link", { name: "New evaluation" }).first().click();
  await expect(page).toHaveURL(/\/evaluations\/new$/);

  await page.getByLabel("Model").selectOption("demo-tiny-zh");
  await page.getByLabel("Dataset").selectOption(dataset.id);
  await expect(page.getByLabel("Test")).toBeChecked();
  // 16 examples cannot come from an 8-row train split: the API says so, next to the field.
  await page.getByLabel("Few-shot examples (k)").fill("16");
  await page.getByRole("button", { name: "Start evaluation" }).click();
  const fewShot = page.getByLabel("Few-shot examples (k)");
  await expect(fewShot).toHaveAttribute("aria-invalid", "true");
  await expect(page.locator("#evaluation-few-shot-error")).toContainText("Few-shot needs 16 examples");
  await page.screenshot({ path: `${SHOTS}/evaluation-form-error.png` });

  await fewShot.fill("0");
  await expect(fewShot).toHaveAttribute("aria-invalid", "false");
  await page.getByRole("button", { name: "Start evaluation" }).click();
  await expect(page).toHaveURL(/\/evaluations\/c[a-z0-9]+$/);
  await expect(page.getByRole("heading", { level: 1, name: "demo-tiny-zh" })).toBeVisible();
  await expect(page.getByRole("progressbar", { name: "Evaluation progress" })).toBeVisible();
  await expect(page.getByTestId("evaluation-progress-count").first()).toContainText("/ 10 rows");

  // It runs to its end on whatever INFERENCE_URL has: without a server the runner retries with
  // backoff, then the report says why it failed; with one (the demo model), the report fills in.
  const status = page.getByTestId("evaluation-status").first();
  await expect(status).toHaveAttribute("data-status", /^(succeeded|failed)$/, { timeout: 90_000 });
  await expect(page.getByTestId("comparison-row").first()).toHaveAttribute("aria-current", "true");
  if ((await status.getAttribute("data-status")) === "succeeded") {
    await expect(page.getByTestId("stat-rows")).toContainText("10");
    await expect(page.getByTestId("evaluation-progress-count").first()).toHaveText("10 / 10 rows");
    await expect(page.getByTestId("error-browser")).toBeVisible();
    await page.mouse.move(0, 0);
    await page.screenshot({ path: `${SHOTS}/evaluation-from-form.png`, fullPage: true });
    return;
  }
  const failure = page.getByTestId("evaluation-error");
  await expect(failure).toContainText("Evaluation failed: inference_");
  await expect(failure).toContainText("The inference server refused a completion");
  await page.screenshot({ path: `${SHOTS}/evaluation-failed.png`, fullPage: true });
});
