// Defaults come from the base model (issue 14): a job created through the API with only a dataset
// and a base model takes that model's preset, prompt template and label words, for each built-in
// model, and the trainer's spec the worker writes for it carries them.
import { describe, expect, it } from "vitest";
import { HYPERPARAMETER_PRESETS, Hyperparameters, Job, specFromHyperparameters } from "@loraboard/contracts";
import { builtInBaseModels, getDb } from "@loraboard/db/server";
import { getQueue } from "@loraboard/queue/server";
import { QueueName } from "@loraboard/queue";
import { POST as createJobRoute } from "@/app/api/jobs/route";
import { POST as registerBaseModelRoute } from "@/app/api/base-models/route";
import { apiRequest, routeParams } from "../../../../tests/helpers/api";
import { createDataset } from "../../../../tests/helpers/factories";
import { makeTopicRows } from "../../../../tests/helpers/topic-dataset";
import { buildTrainerSpec } from "./trainer-spec";

async function postJob(body: object) {
  const response = await createJobRoute(
    apiRequest("/api/jobs", { method: "POST", body: JSON.stringify(body), headers: { "content-type": "application/json" } }),
    routeParams({}),
  );
  expect(response.status, await response.clone().text()).toBe(201);
  return Job.parse(await response.json());
}

function specOf(job: Job) {
  return buildTrainerSpec({
    jobId: job.id, baseModelPath: "/m", splits: { train: "/t", val: "/v", trainRows: 48 }, jobDir: "/j", outputDir: "/o", adapterDir: "/a",
    promptTemplate: job.promptTemplate, labelWords: job.labelWords, hyperparameters: job.hyperparameters, resumeFromCheckpoint: null, hasGpus: false,
  });
}

describe("POST /api/jobs without hyperparameters, template or words", () => {
  const builtIns = builtInBaseModels(process.env.DATA_DIR!);

  it("has a distinct preset, template and words for each built-in model", () => {
    expect(builtIns.map((model) => model.id)).toEqual(["demo-tiny-zh", "smollm2-135m-instruct"]);
    expect(new Set(builtIns.map((model) => model.preset)).size).toBe(2);
    expect(new Set(builtIns.map((model) => model.promptTemplate)).size).toBe(2);
    expect(new Set(builtIns.map((model) => JSON.stringify(model.labelWords))).size).toBe(2);
  });

  for (const model of builtInBaseModels("/unused")) {
    it(`uses ${model.id}'s own preset (${model.preset}), prompt template and label words`, async () => {
      const dataset = await createDataset();
      const job = await postJob({ datasetId: dataset.id, baseModelId: model.id });
      const preset = HYPERPARAMETER_PRESETS[model.preset as keyof typeof HYPERPARAMETER_PRESETS];
      expect(preset, `preset ${model.preset} is in presets.json`).toBeDefined();
      expect(job.hyperparameters).toEqual(preset.values);
      expect(job.hyperparameters).not.toEqual(Hyperparameters.parse({})); // not the 7B tutorial recipe
      expect(job.promptTemplate).toBe(model.promptTemplate);
      expect(job.labelWords).toEqual(model.labelWords);

      // What the trainer is given: the preset's LoRA and training settings, the model's template and words.
      const spec = specOf(job);
      const expected = specFromHyperparameters(preset.values);
      expect(spec.lora).toMatchObject(expected.lora);
      expect(spec.training).toMatchObject(expected.training);
      expect(spec).toMatchObject({ promptTemplate: model.promptTemplate, labelWords: model.labelWords });
      await getQueue(QueueName.train).obliterate({ force: true });
    });
  }

  it("keeps the dataset's own words when the model's do not fit its classes, and what the request sets", async () => {
    const topics = await createDataset({ rows: makeTopicRows(10) });
    const job = await postJob({ datasetId: topics.id, baseModelId: "smollm2-135m-instruct" });
    expect(Object.keys(job.labelWords).sort()).toEqual([...(topics.labels as string[])].sort());
    expect(Object.entries(job.labelWords).every(([label, word]) => label === word)).toBe(true);

    // A request's own values win; a partial set of hyperparameters takes the documented defaults.
    const reviews = await createDataset();
    const custom = await postJob({
      datasetId: reviews.id,
      baseModelId: "smollm2-135m-instruct",
      hyperparameters: { learningRate: 5e-4 },
      promptTemplate: "Review: {sentence}\nAnswer:",
      labelWords: { "0": "bad", "1": "good" },
    });
    expect(custom.hyperparameters).toEqual(Hyperparameters.parse({ learningRate: 5e-4 }));
    expect(custom).toMatchObject({ promptTemplate: "Review: {sentence}\nAnswer:", labelWords: { "0": "bad", "1": "good" } });
    await getQueue(QueueName.train).obliterate({ force: true });
  });

  it("takes a registered model's own preset and words, and the tutorial recipe when it has none", async () => {
    const { mkdir, writeFile } = await import("node:fs/promises");
    const path = await import("node:path");
    const dir = path.join(process.env.DATA_DIR!, "models", "defaults-test-model");
    await mkdir(dir, { recursive: true });
    await writeFile(path.join(dir, "config.json"), "{}");
    const register = (body: object) =>
      registerBaseModelRoute(apiRequest("/api/base-models", { method: "POST", body: JSON.stringify(body), headers: { "content-type": "application/json" } }), routeParams({}));
    const withPreset = await register({ id: "with-preset", name: "With preset", path: dir, preset: "quick-check", labelWords: { "0": "no", "1": "yes" } });
    expect(withPreset.status).toBe(201);
    expect(await withPreset.json()).toMatchObject({ preset: "quick-check", labelWords: { "0": "no", "1": "yes" }, inferenceUrl: process.env.INFERENCE_URL });
    const unknownPreset = await register({ id: "bad-preset", name: "Bad preset", path: dir, preset: "nope" });
    expect(unknownPreset.status).toBe(422);
    expect((await unknownPreset.json()).error.issues).toContainEqual(expect.objectContaining({ field: "preset" }));
    expect((await register({ id: "plain", name: "Plain", path: dir })).status).toBe(201);

    const dataset = await createDataset();
    const quick = await postJob({ datasetId: dataset.id, baseModelId: "with-preset" });
    expect(quick.hyperparameters).toEqual(HYPERPARAMETER_PRESETS["quick-check"].values);
    expect(quick.labelWords).toEqual({ "0": "no", "1": "yes" });
    const plain = await postJob({ datasetId: dataset.id, baseModelId: "plain" });
    expect(plain.hyperparameters).toEqual(HYPERPARAMETER_PRESETS.tutorial.values);
    expect(plain.labelWords).toEqual({ "0": "消极", "1": "积极" });
    await getDb().trainingJob.deleteMany({});
    await getQueue(QueueName.train).obliterate({ force: true });
  });
});

describe("the published checkpoint's metric and early stopping through the API (issue 17)", () => {
  it("stores them on the job, returns them, and hands them to the trainer; validation accuracy and no early stopping by default", async () => {
    const dataset = await createDataset();
    const chosen = await postJob({ datasetId: dataset.id, baseModelId: "demo-tiny-zh", hyperparameters: { metricForBestModel: "eval_loss", earlyStoppingPatience: 2 } });
    expect(chosen.hyperparameters).toMatchObject({ metricForBestModel: "eval_loss", earlyStoppingPatience: 2 });
    const { GET: getJob } = await import("@/app/api/jobs/[id]/route");
    const read = Job.parse(await (await getJob(apiRequest(`/api/jobs/${chosen.id}`), routeParams({ id: chosen.id }))).json());
    expect(read.hyperparameters).toMatchObject({ metricForBestModel: "eval_loss", earlyStoppingPatience: 2 });
    expect(specOf(read).training).toMatchObject({ metricForBestModel: "eval_loss", earlyStoppingPatience: 2 });

    const plain = await postJob({ datasetId: dataset.id, baseModelId: "demo-tiny-zh" });
    expect(plain.hyperparameters).toMatchObject({ metricForBestModel: "eval_accuracy", earlyStoppingPatience: null });
    expect(specOf(plain).training).toMatchObject({ metricForBestModel: "eval_accuracy", earlyStoppingPatience: null });
    await getQueue(QueueName.train).obliterate({ force: true });
  });

  it("refuses an unknown metric and a patience below 1 with a 422 naming each field, creating nothing", async () => {
    const dataset = await createDataset();
    const before = await getDb().trainingJob.count();
    const response = await createJobRoute(
      apiRequest("/api/jobs", {
        method: "POST",
        body: JSON.stringify({ datasetId: dataset.id, baseModelId: "demo-tiny-zh", hyperparameters: { metricForBestModel: "accuracy", earlyStoppingPatience: 0 } }),
        headers: { "content-type": "application/json" },
      }),
      routeParams({}),
    );
    expect(response.status).toBe(422);
    const fields = ((await response.json()).error.issues as { field: string; message: string }[]).map((issue) => [issue.field, issue.message]);
    expect(fields).toContainEqual(["hyperparameters.metricForBestModel", 'metricForBestModel must be one of "eval_accuracy", "eval_macro_f1", "eval_loss"']);
    expect(fields).toContainEqual(["hyperparameters.earlyStoppingPatience", "earlyStoppingPatience must be an integer from 1 to 1000 or null"]);
    expect(await getDb().trainingJob.count()).toBe(before);
  });
});
