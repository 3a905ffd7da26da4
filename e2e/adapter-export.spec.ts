// Taking an adapter away in the browser: a job trained through the API leaves an adapter; its
// Download panel gives the zip and the vLLM command, and a merge made by the real worker appears
// as a second download with its own command.
import { expect, test } from "./fixtures";

const RUN = Date.now().toString(36);

test("an adapter downloads as a zip, and merged into its base as a second zip, each with its vLLM command", async ({ page }) => {
  test.setTimeout(360_000);
  const rows = ["sentence,label"];
  for (let i = 0; i < 20; i += 1) rows.push(`质量很好，第${i}次购买,1`, `质量太差，第${i}次购买,0`);
  const dataset = await page.request.post("/api/datasets", {
    multipart: { name: `e2e export ${RUN}`, file: { name: "e2e-export.csv", mimeType: "text/csv", buffer: Buffer.from(rows.join("\n"), "utf8") } },
  });
  expect(dataset.status(), await dataset.text()).toBe(201);
  const job = await page.request.post("/api/jobs", {
    data: {
      datasetId: ((await dataset.json()) as { id: string }).id,
      baseModelId: "demo-tiny-zh",
      name: `e2e export ${RUN}`,
      hyperparameters: { learningRate: 2e-3, epochs: 1, batchSize: 16, gradientAccumulationSteps: 1, maxLength: 64, evalSteps: 100 },
    },
  });
  expect(job.status(), await job.text()).toBe(201);
  const jobId = ((await job.json()) as { id: string }).id;
  let adapter: { id: string; name: string } | undefined;
  await expect
    .poll(async () => {
      const items = ((await (await page.request.get("/api/adapters")).json()) as { items: { id: string; name: string; jobId: string }[] }).items;
      adapter = items.find((item) => item.jobId === jobId);
      return adapter ? "adapter" : "not yet";
    }, { timeout: 240_000, intervals: [2_000] })
    .toBe("adapter");

  await page.goto("/adapters");
  const row = page.locator(`[data-testid="adapter-row"][data-adapter-name="${adapter!.name}"]`);
  await row.getByRole("button", { name: `Download ${adapter!.name}` }).click();
  const panel = page.getByTestId("adapter-export");
  await expect(panel.getByTestId("vllm-adapter-command")).toContainText(`--enable-lora --max-lora-rank 8 --lora-modules ${adapter!.name}=./${adapter!.name}`);
  const zipUrl = await panel.getByRole("link", { name: "Download adapter (.zip)" }).getAttribute("href");
  const zip = await page.request.get(zipUrl!);
  expect(zip.headers()["content-type"]).toBe("application/zip");
  expect((await zip.body()).subarray(0, 4).toString("latin1")).toBe("PK\u0003\u0004");

  await panel.getByRole("button", { name: "Merge into the base" }).click();
  await expect(panel.getByTestId("vllm-merged-command")).toHaveText(`vllm serve ./${adapter!.name}-merged --served-model-name ${adapter!.name}`, { timeout: 180_000 });
  await expect(panel.getByRole("link", { name: /Download merged model/ })).toBeVisible();
  await page.screenshot({ path: "e2e/artifacts/screenshots/adapter-export.png" });
});
