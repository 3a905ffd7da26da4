// Any labels in the browser (issue 15): a 3-class file with text labels uploads and shows its
// classes; the new-job form edits one answer word per class with an example each; a seeded 3-class
// report shows a 3×4 confusion matrix, per-class figures and an error browser by true label.
import { execFileSync } from "node:child_process";
import path from "node:path";
import { expect, test } from "./fixtures";

const SHOTS = "e2e/artifacts/screenshots";
const ROOT = path.resolve(import.meta.dirname, "..");
const RUN = Date.now().toString(36);
const TOPICS = ["体育", "财经", "科技"];

/** 10 rows per topic: validation and test (0.1 each of 30 rows) get one row of each class. */
function topicFile(perTopic = 10) {
  const words: Record<string, string[]> = { 体育: ["篮球", "足球", "冠军"], 财经: ["股市", "银行", "基金"], 科技: ["芯片", "手机", "软件"] };
  const lines: string[] = [];
  for (let i = 0; i < perTopic; i++) {
    for (const topic of TOPICS) lines.push(JSON.stringify({ sentence: `关于${words[topic]![i % 3]}的新闻第${i + 1}条`, label: topic }));
  }
  return Buffer.from(lines.join("\n"), "utf8");
}

test("a 3-class file with text labels uploads and shows its classes", async ({ page }) => {
  await page.goto("/datasets/new");
  await page.getByLabel("Dataset file").setInputFiles({ name: "topics.jsonl", mimeType: "application/jsonl", buffer: topicFile() });
  await page.getByLabel(/^Name/).fill(`Topics ${RUN}`);
  await page.getByRole("button", { name: "Upload and validate" }).click();
  await expect(page).toHaveURL(/\/datasets\/c[a-z0-9]+$/);
  await expect(page.getByTestId("stat-labels")).toContainText("3 classes");
  for (const topic of TOPICS) await expect(page.getByTestId("stat-labels")).toContainText(`${topic}: 10`);
  await expect(page.getByTestId("stat-splits")).toContainText("24 / 3 / 3");
  await expect(page.getByRole("table", { name: "Label counts in each split" }).locator("tbody tr")).toHaveCount(3);
  await expect(page.getByTestId("rows-table").locator("tbody tr").first()).toContainText(/体育|财经|科技/);
  await page.screenshot({ path: `${SHOTS}/labels-dataset.png`, fullPage: true });
});

test("the new-job form edits one word per class, previews an example of each, and checks the words", async ({ page }) => {
  const uploaded = await page.request.post("/api/datasets", {
    multipart: { name: `Topics form ${RUN}`, file: { name: "topics.jsonl", mimeType: "application/jsonl", buffer: topicFile() } },
  });
  expect(uploaded.status(), await uploaded.text()).toBe(201);
  const dataset = (await uploaded.json()) as { id: string };

  await page.goto("/jobs/new");
  await page.getByLabel("Dataset").selectOption(dataset.id);
  const editor = page.getByTestId("label-words-editor");
  await expect(editor.getByTestId("label-word-row")).toHaveCount(3);
  for (const topic of TOPICS) await expect(page.getByLabel(`Label word for ${topic}`)).toHaveValue(topic);
  // One example per class from the dataset, rendered with the demo model's tokenizer and counted.
  await expect(editor.getByTestId("label-word-example").nth(1)).toContainText("财经</s>");
  await expect(editor.getByTestId("label-word-tokens").nth(1)).toHaveText(/^\d+ \(answer 3\)$/);

  // Two classes with one word: refused on the second one's field; a word that starts another warns.
  await page.getByLabel("Label word for 科技").fill("财经");
  await expect(page.getByLabel("Label word for 科技")).toHaveAttribute("aria-invalid", "true");
  await expect(editor).toContainText('labels "财经" and "科技" have the same word "财经"');
  await page.getByLabel("Label word for 科技").fill("财经科技");
  await expect(page.getByLabel("Label word for 科技")).toHaveAttribute("aria-invalid", "false");
  await expect(page.getByTestId("label-word-warnings")).toContainText('The word "财经" (label "财经") is the start of "财经科技"');
  await expect(editor.getByTestId("label-word-example").nth(2)).toContainText("财经科技</s>");
  await page.screenshot({ path: `${SHOTS}/labels-job-form.png`, fullPage: true });

  await page.getByRole("button", { name: "Start training" }).click();
  await expect(page).toHaveURL(/\/jobs\/(?!new)[^/?]+$/);
  const jobId = page.url().split("/").at(-1)!;
  const job = (await (await page.request.get(`/api/jobs/${jobId}`)).json()) as { labelWords: Record<string, string> };
  expect(job.labelWords).toEqual({ 体育: "体育", 财经: "财经", 科技: "财经科技" });
  // The CPU is shared with the other tests: this job need not train.
  await page.request.post(`/api/jobs/${jobId}/cancel`);
});

test("a 3-class report: 3×4 confusion matrix, per-class figures, error browser by true label, CSV", async ({ page }) => {
  const stdout = execFileSync("npx", ["tsx", "e2e/seed/seed-topic-evaluation.ts", RUN], { cwd: ROOT, encoding: "utf8", env: process.env });
  const seeded = JSON.parse(stdout.trim().split("\n").at(-1)!) as { evaluationId: string };
  await page.goto(`/evaluations/${seeded.evaluationId}`);

  await expect(page.getByTestId("stat-accuracy")).toContainText("83.3%");
  await expect(page.getByTestId("stat-macro-f1")).toContainText("3 classes");
  const matrix = page.getByTestId("confusion-matrix");
  await expect(matrix.locator("tbody tr")).toHaveCount(3);
  await expect(matrix.locator("thead th")).toHaveCount(5); // 3 classes, invalid, total
  await expect(page.getByTestId("confusion-体育-体育")).toContainText("4");
  await expect(page.getByTestId("confusion-财经-科技")).toContainText("1");
  await expect(page.getByTestId("confusion-科技-invalid")).toContainText("1");

  const perClass = page.getByTestId("per-class-table");
  await expect(perClass.locator("tbody tr")).toHaveCount(3);
  // 财经: 3 of 4 right, never predicted wrongly → precision 1, recall 0.75.
  await expect(perClass.getByRole("row", { name: /财经/ })).toContainText("1.000");
  await expect(perClass.getByRole("row", { name: /财经/ })).toContainText("0.750");

  const browser = page.getByTestId("error-browser");
  await expect(browser.getByTestId("prediction-row")).toHaveCount(2); // the wrong filter: 1 wrong + 1 invalid
  await browser.getByLabel("True label").selectOption("科技");
  await expect(browser.getByTestId("prediction-row")).toHaveCount(1);
  await expect(browser.getByTestId("prediction-row")).toContainText("invalid");
  const csvHref = await browser.getByRole("link", { name: "CSV of this view" }).getAttribute("href");
  expect(csvHref).toContain(`label=${encodeURIComponent("科技")}`);
  const csv = await (await page.request.get(csvHref!)).text();
  expect(csv.trim().split("\r\n")).toHaveLength(2);
  expect(csv).toContain("科技,,0,不知道");
  await page.screenshot({ path: `${SHOTS}/labels-report.png`, fullPage: true });
});
