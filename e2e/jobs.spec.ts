// The jobs pages in the browser: empty states, the new-job form validating as you type with a
// tokenized preview, and one job created, watched, cancelled and cloned.
import type { APIRequestContext, Page } from "@playwright/test";
import { bootstrapApi, expect, test } from "./fixtures";

const SHOTS = "e2e/artifacts/screenshots";

async function listJobs(page: Page) {
  const response = await page.request.get("/api/jobs?limit=1");
  expect(response.ok()).toBe(true);
  return (await response.json()) as { items: { id: string }[] };
}

/** A small labelled dataset uploaded through the API, so the form has something to train on. */
async function uploadDataset(request: APIRequestContext, name: string) {
  const positive = ["质量很好", "物流很快", "非常满意", "很喜欢", "做工精致", "性价比高"];
  const negative = ["质量太差", "物流很慢", "非常失望", "不喜欢", "做工粗糙", "太贵了"];
  const rows = ["sentence,label"];
  for (let i = 0; i < 24; i += 1) {
    rows.push(`${positive[i % positive.length]}，第${i}次购买,1`, `${negative[i % negative.length]}，第${i}次购买,0`);
  }
  const response = await request.post("/api/datasets", {
    multipart: { name, file: { name: "e2e-reviews.csv", mimeType: "text/csv", buffer: Buffer.from(rows.join("\n"), "utf8") } },
  });
  expect(response.status(), await response.text()).toBe(201);
  return (await response.json()) as { id: string; name: string };
}

const E2E_JOB_NAME = "e2e long run";

/** Cancels this spec's jobs left running (by a failed earlier run), so they use no CPU in later tests. */
async function cancelLeftoverJobs(request: APIRequestContext) {
  for (const status of ["queued", "running"]) {
    const response = await request.get(`/api/jobs?status=${status}&limit=200`);
    if (!response.ok()) continue;
    const { items } = (await response.json()) as { items: { id: string; name: string }[] };
    for (const job of items.filter((item) => item.name === E2E_JOB_NAME)) await request.post(`/api/jobs/${job.id}/cancel`);
  }
}

test.beforeAll(async ({ playwright, baseURL }) => {
  const api = await bootstrapApi(playwright, baseURL!);
  await cancelLeftoverJobs(api);
  await api.dispose();
});

test.afterAll(async ({ playwright, baseURL }) => {
  const api = await bootstrapApi(playwright, baseURL!);
  await cancelLeftoverJobs(api);
  await api.dispose();
});

test("the jobs pages render their empty states", async ({ page }) => {
  const jobs = await listJobs(page);
  await page.goto("/jobs");
  await expect(page.getByRole("heading", { name: "Fine-tune jobs" })).toBeVisible();
  await expect(page.getByRole("link", { name: "New job" }).first()).toBeVisible();
  if (jobs.items.length === 0) {
    await expect(page.getByRole("heading", { name: "No jobs yet" })).toBeVisible();
    await page.screenshot({ path: `${SHOTS}/jobs-empty.png` });
  } else {
    await expect(page.getByTestId("job-row").first()).toBeVisible();
  }

  await page.goto("/jobs/compare");
  await expect(page.getByRole("heading", { name: "No jobs picked" })).toBeVisible();

  await page.goto("/jobs/no-such-job");
  await expect(page.getByRole("alert").filter({ hasText: "no-such-job" })).toContainText("does not exist");
});

test("the new-job form validates as you type and previews a tokenized example", async ({ page }) => {
  await page.goto("/jobs/new");
  await expect(page.getByRole("heading", { name: "New fine-tune job" })).toBeVisible();

  // The demo model is the default base model, so the CPU preset is selected.
  await expect(page.getByLabel("Base model")).toHaveValue("demo-tiny-zh");
  await expect(page.getByRole("button", { name: /Demo model on the CPU/ })).toHaveAttribute("aria-pressed", "true");
  await expect(page.getByLabel("Learning rate")).toHaveValue("0.002");
  await page.getByRole("button", { name: /Tutorial recipe/ }).click();
  await expect(page.getByLabel("Learning rate")).toHaveValue("0.0002");
  await expect(page.getByLabel("LoRA rank r")).toHaveValue("8");
  await expect(page.getByLabel("Gradient accumulation")).toHaveValue("8");

  // The preview counts tokens with the demo model's tokenizer (one per character).
  const tokenCount = page.getByTestId("preview-token-count");
  await expect(tokenCount).toHaveText(/^\d+ tokens \(prompt \d+ \+ answer 3\)/);
  await expect(page.getByTestId("preview-text")).toContainText("积极</s>");
  const before = Number((await tokenCount.textContent())?.match(/^(\d+)/)?.[1]);
  await page.getByLabel("Sample sentence").fill("好");
  await expect(tokenCount).not.toHaveText(new RegExp(`^${before} tokens`));
  await page.getByLabel("Its label").selectOption("0");
  await expect(page.getByTestId("preview-text")).toContainText("好 [/INST]消极</s>");

  // A learning rate of 0 is refused next to the field, as soon as it is typed.
  const learningRate = page.getByLabel("Learning rate");
  await learningRate.fill("0");
  await expect(learningRate).toHaveAttribute("aria-invalid", "true");
  await expect(page.locator("#hp-learningRate-error")).toContainText(/learningRate must be a number above 0/);
  await learningRate.fill("3e-4");
  await expect(learningRate).toHaveAttribute("aria-invalid", "false");
  await page.getByLabel("Batch size").fill("");
  await expect(page.locator("#hp-batchSize-error")).toHaveText("Batch size must be a number");

  // A template without {sentence} is refused, and the preview waits for a valid one.
  const template = page.getByLabel("Prompt template");
  await template.fill("请判断情感：");
  await expect(template).toHaveAttribute("aria-invalid", "true");
  await expect(page.locator("#job-prompt-template-error")).toHaveText("the prompt template must contain {sentence}");
  await expect(page.getByTestId("preview-text")).toHaveText("Fix the prompt template to see the example.");
  await page.getByLabel("Label word for 1 (positive)").fill("消极");
  await expect(page.locator("#job-label-1-error")).toHaveText("the two label words must differ");
  await page.screenshot({ path: `${SHOTS}/job-new-errors.png`, fullPage: true });

  await template.fill("评论：{sentence}\n情感：");
  await page.getByLabel("Label word for 1 (positive)").fill("积极");
  await expect(template).toHaveAttribute("aria-invalid", "false");
  await expect(page.getByTestId("preview-text")).toContainText("评论：好\n情感：消极</s>");
  // BOS is prepended as the trainer does: 1 + 3 + 1 + 1 + 3 prompt tokens, then 消极 + EOS.
  await expect(tokenCount).toHaveText(/^12 tokens \(prompt 9 \+ answer 3\)/);
});

test("the new-job form says where the job will train and, for a GPU, which recipe at what measured speed", async ({ page }) => {
  const dataset = await uploadDataset(page.request, `e2e place ${Date.now()}`);
  await page.goto("/jobs/new");
  await page.getByLabel("Dataset").selectOption(dataset.id);
  const place = page.getByTestId("training-place");
  // The e2e stack's worker runs in CPU mode (no GPU_IDS).
  await expect(place).toContainText(/On the CPU: (the live worker runs|all \d+ live workers run) without GPUs/);
  await expect(place).not.toContainText("GPU recipe");

  // As GET /api/workers reports a worker with two GPUs: the options that worker would write.
  await page.route("**/api/workers", (route) =>
    route.fulfill({ json: { items: [{ id: "gpu-host", gpus: 2, runtime: "venv", lastSeenAt: new Date().toISOString() }] } }),
  );
  await page.reload();
  await page.getByLabel("Dataset").selectOption(dataset.id);
  await page.getByLabel("Epochs").fill("2");
  await page.getByLabel("Batch size").fill("8");
  await expect(place).toContainText("On a GPU: the live worker has 2 GPUs.");
  // batch 8 x accumulation as set, in one packed batch; a short job is not compiled
  await expect(place).toContainText(/each step's \d+ reviews packed end to end in passes of at most 6,144 tokens, not compiled/);
  await expect(page.getByTestId("gpu-reviews-per-second")).toHaveText("90 reviews/s");
  await expect(place).toContainText("90 reviews/s (uncompiled, with 4,096-token passes)");
  await page.getByLabel("Compile the model").check();
  await expect(place).toContainText("compiled transformer blocks");
  await expect(page.getByTestId("gpu-reviews-per-second")).toHaveText("141 reviews/s");
  await expect(place).not.toContainText("4,096-token passes");
  await expect(place).toContainText("on a 7B model");
  await place.screenshot({ path: `${SHOTS}/job-new-gpu-recipe.png` });
  await page.unroute("**/api/workers");
});

test("a job is created from the form, watched live, cancelled and cloned", async ({ page }) => {
  test.setTimeout(240_000);
  const dataset = await uploadDataset(page.request, `e2e reviews ${Date.now()}`);
  await page.goto("/jobs/new");
  await page.getByLabel("Dataset").selectOption(dataset.id);
  await page.getByLabel("Name (optional)").fill(E2E_JOB_NAME);
  await expect(page.getByTestId("preview-token-count")).toHaveText(/tokens/);
  // Long enough to still be running when cancelled, on the demo model on the CPU.
  await page.getByLabel("Epochs").fill("50");
  await page.getByLabel("Batch size").fill("2");
  await page.getByLabel("Eval every").fill("20");
  await page.screenshot({ path: `${SHOTS}/job-new.png`, fullPage: true });

  // Issues the server finds (a 422) are shown next to their fields, the rest above the button.
  await page.route("**/api/jobs", (route) =>
    route.fulfill({
      status: 422,
      json: {
        error: {
          code: "invalid_request",
          message: "The request breaks the API's rules: see issues.",
          issues: [
            { field: "hyperparameters.epochs", message: "too many epochs for this dataset" },
            { field: "somethingElse", message: "not placed" },
          ],
        },
      },
    }),
  );
  await page.getByRole("button", { name: "Start training" }).click();
  await expect(page.locator("#hp-epochs-error")).toHaveText("too many epochs for this dataset");
  await expect(page.getByLabel("Epochs")).toHaveAttribute("aria-invalid", "true");
  await expect(page.getByRole("alert").filter({ hasText: "see issues" })).toContainText("somethingElse: not placed");
  await page.unroute("**/api/jobs");
  // Editing the field clears the server's message.
  await page.getByLabel("Epochs").fill("40");
  await expect(page.getByLabel("Epochs")).toHaveAttribute("aria-invalid", "false");
  await page.getByLabel("Epochs").fill("50");
  await page.getByRole("button", { name: "Start training" }).click();

  await expect(page).toHaveURL(/\/jobs\/(?!new)[^/?]+$/);
  const jobId = page.url().split("/").at(-1)!;
  await expect(page.getByRole("heading", { name: E2E_JOB_NAME })).toBeVisible();
  await expect(page.getByRole("status").getByTestId("job-status")).toHaveText(/queued|running/);
  // Epochs, batch size and the prompt template are shown as sent.
  await expect(page.getByRole("row", { name: /Epochs/ })).toContainText("50");
  // The loss chart gains points while it runs (the e2e worker has no other training job).
  await expect
    .poll(async () => Number(await page.getByTestId("chart-loss").getAttribute("data-points")), { timeout: 120_000 })
    .toBeGreaterThan(3);
  await page.screenshot({ path: `${SHOTS}/job-running.png`, fullPage: true });
  await page.screenshot({ path: `${SHOTS}/job-running-1366x800.png` });
  // Log scale and smoothing redraw the same points.
  await page.getByLabel("Log scale").check();
  await page.getByLabel("Smoothing").fill("0");
  await expect(page.getByTestId("chart-loss")).not.toHaveAttribute("data-points", "0");
  await page.getByLabel("Log scale").uncheck();

  // The confirmation is keyboard operable: it takes focus, and gives it back when dismissed.
  await page.getByRole("button", { name: "Cancel job" }).click();
  await expect(page.getByRole("button", { name: "Yes, cancel" })).toBeFocused();
  await page.keyboard.press("Tab");
  await page.keyboard.press("Enter");
  await expect(page.getByRole("button", { name: "Cancel job" })).toBeFocused();
  await page.keyboard.press("Enter");
  await page.getByRole("button", { name: "Yes, cancel" }).click();
  await expect(page.getByRole("status").getByTestId("job-status")).toHaveText("cancelled", { timeout: 60_000 });
  await expect(page.getByRole("button", { name: "Retry" })).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/job-cancelled.png`, fullPage: true });

  // Retry starts a new job with the same settings and opens it (afterAll cancels it).
  await page.getByRole("button", { name: "Retry" }).click();
  await expect(page).not.toHaveURL(new RegExp(`/jobs/${jobId}$`));
  await expect(page).toHaveURL(/\/jobs\/(?!new)[^/?]+$/);
  await expect(page.getByRole("heading", { name: E2E_JOB_NAME })).toBeVisible();
  await expect(page.getByRole("status").getByTestId("job-status")).toHaveText(/queued|running/);

  await page.goto("/jobs");
  const row = page.getByTestId("job-row").filter({ has: page.locator(`a[href="/jobs/${jobId}"]`) });
  await expect(row.getByTestId("job-status")).toHaveText("cancelled");
  await expect(row).toContainText(dataset.name);
  await page.screenshot({ path: `${SHOTS}/jobs-list.png` });

  await row.getByRole("checkbox").check();
  await expect(page.getByRole("button", { name: "Compare (1)" })).toBeDisabled();
  await page.goto(`/jobs/compare?ids=${jobId}`);
  await expect(page.getByTestId("chart-compare")).toBeVisible();
  await expect(page.getByRole("row").filter({ hasText: E2E_JOB_NAME })).toContainText("cancelled");
  await page.screenshot({ path: `${SHOTS}/jobs-compare.png` });

  await page.goto(`/jobs/${jobId}`);
  await page.getByRole("link", { name: "Clone" }).click();
  await expect(page).toHaveURL(new RegExp(`/jobs/new\\?from=${jobId}`));
  await expect(page.getByLabel("Name (optional)")).toHaveValue(`${E2E_JOB_NAME} (copy)`);
  await expect(page.getByLabel("Dataset")).toHaveValue(dataset.id);
  await expect(page.getByLabel("Epochs")).toHaveValue("50");
  await expect(page.getByLabel("Batch size")).toHaveValue("2");
});
