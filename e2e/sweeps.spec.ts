// A sweep from the new-job form on the real stack: 4 tiny jobs on the demo model go through the
// queue, the worker and the Python trainer to a page that ranks them by validation accuracy; none
// is loaded or evaluated until the best is promoted, which loads it into vLLM and evaluates it.
import { expect, test } from "./fixtures";

const RUN = Date.now().toString(36);

interface SweepJobView {
  rank: number | null;
  bestValAccuracy: number | null;
  job: { id: string; status: string; adapterId: string | null };
}

test("a sweep of 4 jobs trains, ranks live, and its promoted winner is loaded and evaluated", async ({ page }) => {
  test.setTimeout(600_000);
  const rows = ["sentence,label"];
  for (let i = 0; i < 40; i += 1) rows.push(`质量很好，第${i}次买,1`, `质量太差，第${i}次买,0`);
  const upload = await page.request.post("/api/datasets", {
    multipart: { name: `e2e sweep ${RUN}`, file: { name: "e2e-sweep.csv", mimeType: "text/csv", buffer: Buffer.from(rows.join("\n"), "utf8") } },
  });
  expect(upload.status(), await upload.text()).toBe(201);
  const datasetId = ((await upload.json()) as { id: string }).id;

  // The form in sweep mode: tiny jobs (4 steps of 16 on 64 training rows, evaluated twice each).
  await page.goto("/jobs/new?mode=sweep");
  await page.getByLabel("Dataset").selectOption(datasetId);
  await page.getByLabel("Name (optional)").fill(`Sweep ${RUN}`);
  await page.getByRole("button", { name: /Quick check/ }).click();
  await page.getByLabel("Epochs", { exact: true }).fill("1");
  await page.getByLabel("Batch size").fill("16");
  await page.getByLabel("Max length").fill("48");
  await page.getByLabel("Eval every").fill("2");
  await page.getByLabel("Learning rates to try").fill("0.002, 0.02");
  await page.getByLabel("LoRA ranks to try").fill("4 8");
  await expect(page.getByTestId("sweep-job-count")).toHaveAttribute("data-count", "4");
  await page.getByRole("button", { name: "Start sweep (4 jobs)" }).click();
  await expect(page).toHaveURL(/\/sweeps\/[^/?]+$/);
  const sweepId = page.url().split("/").at(-1)!;

  // Ranked live: every job gets a rank as it evaluates, best accuracy first.
  const ranking = page.getByTestId("sweep-ranking");
  await expect(ranking.getByTestId("sweep-job-row")).toHaveCount(4);
  await expect(page.getByTestId("sweep-status")).toHaveText("succeeded", { timeout: 480_000 });
  await expect(ranking.locator('[data-testid="sweep-job-row"][data-rank="4"]')).toHaveCount(1);
  const sweep = (await (await page.request.get(`/api/sweeps/${sweepId}`)).json()) as { jobs: SweepJobView[]; bestJobId: string };
  expect(sweep.jobs.map((entry) => entry.rank)).toEqual([1, 2, 3, 4]);
  const accuracies = sweep.jobs.map((entry) => entry.bestValAccuracy!);
  expect(accuracies).toEqual([...accuracies].sort((a, b) => b - a));
  expect(await ranking.getByTestId("sweep-job-row").first().getAttribute("data-job-id")).toBe(sweep.bestJobId);
  await expect(page.getByTestId("sweep-curves")).toHaveAttribute("data-points", "8");
  await expect(page.getByTestId("sweep-scatter")).toHaveAttribute("data-points", "4");
  await page.screenshot({ path: "e2e/artifacts/screenshots/sweep-ranked.png", fullPage: true });

  // Nothing of the sweep is served or evaluated before a promotion.
  const adapters = async () =>
    ((await (await page.request.get("/api/adapters")).json()) as { items: { jobId: string; status: string; name: string }[] }).items.filter((adapter) =>
      sweep.jobs.some((entry) => entry.job.id === adapter.jobId),
    );
  expect((await adapters()).map((adapter) => adapter.status)).toEqual(["unloaded", "unloaded", "unloaded", "unloaded"]);
  const evaluations = (await (await page.request.get("/api/evaluations")).json()) as { items: { jobId: string | null }[] };
  expect(evaluations.items.filter((evaluation) => sweep.jobs.some((entry) => entry.job.id === evaluation.jobId))).toEqual([]);

  // Promote the best: its adapter is loaded into vLLM and its test split evaluated.
  await page.getByRole("button", { name: "Promote the best" }).click();
  await expect(page.getByTestId("promote-result")).toContainText("is loaded", { timeout: 60_000 });
  expect((await adapters()).filter((adapter) => adapter.status === "loaded").map((adapter) => adapter.jobId === sweep.bestJobId)).toEqual([true]);
  await expect(ranking.getByTestId("sweep-winner")).toHaveCount(1);
  await page.getByTestId("promote-result").getByRole("link", { name: /evaluation/ }).click();
  await expect(page.getByTestId("evaluation-status").first()).toHaveAttribute("data-status", "succeeded", { timeout: 240_000 });
  await expect(page.getByTestId("stat-rows")).toContainText("8");
  await expect(page.getByTestId("stat-accuracy")).toContainText("%");
  await page.screenshot({ path: "e2e/artifacts/screenshots/sweep-promoted-report.png", fullPage: true });
});
