import { existsSync } from "node:fs";
import { mkdir, writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { Job } from "@loraboard/contracts";
import { getDb } from "@loraboard/db/server";
import { QueueName } from "@loraboard/queue";
import { appendJobEvent, getQueue, getRedis } from "@loraboard/queue/server";
import { GET as listJobsRoute, POST as createJobRoute } from "@/app/api/jobs/route";
import { DELETE as deleteJobRoute, GET as getJobRoute } from "@/app/api/jobs/[id]/route";
import { GET as metricsRoute } from "@/app/api/jobs/[id]/metrics/route";
import { POST as cancelRoute } from "@/app/api/jobs/[id]/cancel/route";
import { POST as retryRoute } from "@/app/api/jobs/[id]/retry/route";
import { GET as eventsRoute } from "@/app/api/jobs/[id]/events/route";
import { apiRequest, routeParams } from "../../../../../tests/helpers/api";
import { createDataset } from "../../../../../tests/helpers/factories";
import { makeTopicRows } from "../../../../../tests/helpers/topic-dataset";

function postJob(body: unknown) {
  return createJobRoute(
    apiRequest("/api/jobs", { method: "POST", body: JSON.stringify(body), headers: { "content-type": "application/json" } }),
    routeParams({}),
  );
}

describe("POST /api/jobs with N classes (issue 15)", () => {
  const topicDataset = () => createDataset({ name: "Topics", rows: makeTopicRows(6, ["体育", "财经", "科技"]) });

  it("defaults each text label's word to the label itself", async () => {
    const dataset = await topicDataset();
    const response = await postJob({ datasetId: dataset.id, baseModelId: "demo-tiny-zh" });
    expect(response.status).toBe(201);
    const created = await response.json();
    expect(created.labelWords).toEqual({ 体育: "体育", 财经: "财经", 科技: "科技" });
    expect(created.warnings).toEqual([]);
    await getQueue(QueueName.train).obliterate({ force: true });
  });

  it("takes one word per class, warns when one starts another, and refuses missing, unknown or repeated words field by field", async () => {
    const dataset = await topicDataset();
    const ok = await postJob({ datasetId: dataset.id, baseModelId: "demo-tiny-zh", labelWords: { 科技: "科技新闻", 体育: "体育", 财经: "科技" } });
    expect(ok.status).toBe(201);
    const created = await ok.json();
    expect(created.labelWords).toEqual({ 体育: "体育", 财经: "科技", 科技: "科技新闻" });
    expect(created.warnings).toEqual([expect.stringContaining('The word "科技" (label "财经") is the start of "科技新闻" (label "科技")')]);

    const cases: [Record<string, string>, string][] = [
      [{ 体育: "体育", 财经: "财经" }, "labelWords.科技"],
      [{ 体育: "体育", 财经: "财经", 科技: "科技", 娱乐: "娱乐" }, "labelWords.娱乐"],
      [{ 体育: "同", 财经: "同", 科技: "科技" }, "labelWords.财经"],
    ];
    for (const [labelWords, field] of cases) {
      const response = await postJob({ datasetId: dataset.id, baseModelId: "demo-tiny-zh", labelWords });
      expect(response.status, JSON.stringify(labelWords)).toBe(422);
      const { error } = await response.json();
      expect(error.code).toBe("invalid_request");
      expect(error.issues).toContainEqual(expect.objectContaining({ field }));
    }
    expect(await getDb().trainingJob.count()).toBe(1);
    await getQueue(QueueName.train).obliterate({ force: true });
  });
});

describe("POST /api/jobs", () => {
  it("writes the job as queued with the tutorial's defaults, then enqueues its id", async () => {
    const dataset = await createDataset();
    const response = await postJob({ datasetId: dataset.id, baseModelId: "demo-tiny-zh", hyperparameters: { learningRate: 1e-3 } });
    expect(response.status).toBe(201);
    const created = await response.json();
    expect(created).toMatchObject({ status: "queued" });

    const job = Job.parse(await (await getJobRoute(apiRequest(`/api/jobs/${created.id}`), routeParams({ id: created.id }))).json());
    expect(job.hyperparameters).toEqual({
      loraR: 8, loraAlpha: 16, loraDropout: 0.05, targetModules: ["q_proj", "v_proj"], learningRate: 1e-3,
      epochs: 3, batchSize: 4, gradientAccumulationSteps: 8, maxLength: 512, evalSteps: 50, seed: 42,
      metricForBestModel: "eval_accuracy", earlyStoppingPatience: null, loraTopLayers: null, torchCompile: false,
    });
    expect(job.labelWords).toEqual({ "0": "消极", "1": "积极" });
    expect(job.promptTemplate).toContain("{sentence}");

    const queued = await getQueue(QueueName.train).getJob(created.id);
    expect(queued?.data).toEqual({ trainingJobId: created.id });
    await queued?.remove();
  });

  it("gives each job of the same name a new adapter version", async () => {
    const dataset = await createDataset({ name: "Shop reviews" });
    const first = await (await postJob({ datasetId: dataset.id, baseModelId: "demo-tiny-zh" })).json();
    const second = await (await postJob({ datasetId: dataset.id, baseModelId: "demo-tiny-zh" })).json();
    const names = await getDb().trainingJob.findMany({ where: { id: { in: [first.id, second.id] } }, orderBy: { createdAt: "asc" } });
    expect(names.map((job) => job.adapterName)).toEqual(["shop-reviews-v1", "shop-reviews-v2"]);
    await getQueue(QueueName.train).obliterate({ force: true });
  });

  it("refuses bad input with 4xx, field by field, and creates nothing", async () => {
    const dataset = await createDataset();
    const cases: [unknown, number, string][] = [
      [{ datasetId: "nope", baseModelId: "demo-tiny-zh" }, 404, "dataset_not_found"],
      [{ datasetId: dataset.id, baseModelId: "nope" }, 404, "base_model_not_found"],
      [{ datasetId: dataset.id, baseModelId: "demo-tiny-zh", hyperparameters: { learningRate: 0 } }, 422, "invalid_request"],
      [{ datasetId: dataset.id, baseModelId: "demo-tiny-zh", hyperparameters: { targetModules: ["lm_head"] } }, 422, "invalid_request"],
      [{ datasetId: dataset.id, baseModelId: "demo-tiny-zh", promptTemplate: "no placeholder" }, 422, "invalid_request"],
      [{ datasetId: dataset.id, baseModelId: "demo-tiny-zh", labelWords: { "0": "好", "1": "好" } }, 422, "invalid_request"],
    ];
    for (const [body, status, code] of cases) {
      const response = await postJob(body);
      expect(response.status, JSON.stringify(body)).toBe(status);
      expect((await response.json()).error.code).toBe(code);
    }
    const malformed = await createJobRoute(apiRequest("/api/jobs", { method: "POST", body: "{nope" }), routeParams({}));
    expect(malformed.status).toBe(400);
    const invalid = await postJob({ datasetId: dataset.id, baseModelId: "demo-tiny-zh", hyperparameters: { learningRate: 0 } });
    expect((await invalid.json()).error.issues).toContainEqual(expect.objectContaining({ field: "hyperparameters.learningRate" }));
    expect(await getDb().trainingJob.count()).toBe(0);
  });

  it("refuses a learning rate of 1, which the trainer refuses too (one schema for both)", async () => {
    const dataset = await createDataset();
    const response = await postJob({ datasetId: dataset.id, baseModelId: "demo-tiny-zh", hyperparameters: { learningRate: 1 } });
    expect(response.status).toBe(422);
    expect((await response.json()).error.issues).toContainEqual({
      field: "hyperparameters.learningRate",
      message: "learningRate must be a number above 0 and below 1",
    });
    expect(await getDb().trainingJob.count()).toBe(0);
  });

  it("refuses a job asking for too much work, naming the field and what to change", async () => {
    const dataset = await createDataset(); // 48 train rows, 6 val rows
    const tooManyEvaluations = await postJob({
      datasetId: dataset.id,
      baseModelId: "demo-tiny-zh",
      hyperparameters: { epochs: 100, batchSize: 1, gradientAccumulationSteps: 1, evalSteps: 1 },
    });
    expect(tooManyEvaluations.status).toBe(422);
    const [issue] = (await tooManyEvaluations.json()).error.issues;
    expect(issue).toEqual({ field: "hyperparameters.evalSteps", message: expect.stringContaining("use evalSteps of at least 10") });

    await getDb().dataset.update({ where: { id: dataset.id }, data: { splitCounts: { train: 50_000, val: 6, test: 6 } } });
    const tooManyExamples = await postJob({ datasetId: dataset.id, baseModelId: "demo-tiny-zh", hyperparameters: { epochs: 100 } });
    expect(tooManyExamples.status).toBe(422);
    expect((await tooManyExamples.json()).error.issues).toContainEqual({
      field: "hyperparameters.epochs",
      message: expect.stringContaining("use at most 40 epochs"),
    });
    expect(await getDb().trainingJob.count()).toBe(0);
  });
});

describe("job reads and control", () => {
  it("lists jobs newest first with their dataset's name", async () => {
    const dataset = await createDataset({ name: "listed" });
    await postJob({ datasetId: dataset.id, baseModelId: "demo-tiny-zh", name: "first" });
    await postJob({ datasetId: dataset.id, baseModelId: "demo-tiny-zh", name: "second" });
    const body = await (await listJobsRoute(apiRequest("/api/jobs"), routeParams({}))).json();
    expect(body.items.map((job: Job) => job.name)).toEqual(["second", "first"]);
    expect(body.items[0].datasetName).toBe("listed");
    expect(body.nextCursor).toBeNull();
    await getQueue(QueueName.train).obliterate({ force: true });
  });

  it("returns metrics in step order, each step once, after a given step", async () => {
    const dataset = await createDataset();
    const { id } = await (await postJob({ datasetId: dataset.id, baseModelId: "demo-tiny-zh" })).json();
    await getDb().jobMetric.createMany({
      data: [3, 1, 2].map((step) => ({ jobId: id, step, loss: 1 / step, epoch: step / 10, learningRate: 1e-3, gradNorm: 0.5 })),
    });
    await getDb().jobMetric.update({
      where: { jobId_step: { jobId: id, step: 2 } },
      data: { evalLoss: 0.7, evalAccuracy: 0.875, evalMacroF1: 0.86 },
    });
    const all = await (await metricsRoute(apiRequest(`/api/jobs/${id}/metrics`), routeParams({ id }))).json();
    expect(all.items.map((m: { step: number }) => m.step)).toEqual([1, 2, 3]);
    expect(all.items[1]).toMatchObject({ step: 2, evalLoss: 0.7, evalAccuracy: 0.875, evalMacroF1: 0.86 });
    // Only eval points carry the eval fields.
    expect(all.items[0]).not.toHaveProperty("evalAccuracy");
    // The job names the step its adapter came from once the trainer reported it.
    await getDb().trainingJob.update({ where: { id }, data: { bestStep: 2 } });
    const job = await (await getJobRoute(apiRequest(`/api/jobs/${id}`), routeParams({ id }))).json();
    expect(job.bestStep).toBe(2);
    const after = await (await metricsRoute(apiRequest(`/api/jobs/${id}/metrics?afterStep=1`), routeParams({ id }))).json();
    expect(after.items.map((m: { step: number }) => m.step)).toEqual([2, 3]);
    const bad = await metricsRoute(apiRequest(`/api/jobs/${id}/metrics?afterStep=abc`), routeParams({ id }));
    expect(bad.status).toBe(422);
    await getQueue(QueueName.train).obliterate({ force: true });
  });

  it("cancels a queued job: removed from the queue, marked cancelled; retry makes a new job", async () => {
    const dataset = await createDataset();
    const { id } = await (await postJob({ datasetId: dataset.id, baseModelId: "demo-tiny-zh" })).json();
    const response = await cancelRoute(apiRequest(`/api/jobs/${id}/cancel`, { method: "POST" }), routeParams({ id }));
    expect(response.status).toBe(202);
    expect((await response.json()).status).toBe("cancelled");
    expect(await getQueue(QueueName.train).getJob(id)).toBeUndefined();
    const again = await cancelRoute(apiRequest(`/api/jobs/${id}/cancel`, { method: "POST" }), routeParams({ id }));
    expect(again.status).toBe(409);

    const retried = await retryRoute(apiRequest(`/api/jobs/${id}/retry`, { method: "POST" }), routeParams({ id }));
    expect(retried.status).toBe(201);
    const retry = await retried.json();
    expect(retry.id).not.toBe(id);
    expect(retry.status).toBe("queued");
    await getQueue(QueueName.train).obliterate({ force: true });
  });

  it("reports a job's disk use, and deleting a finished job removes its directory and adapter (issue 16 item 11)", async () => {
    const db = getDb();
    const dataset = await createDataset();
    const { id } = await (await postJob({ datasetId: dataset.id, baseModelId: "demo-tiny-zh" })).json();
    await getQueue(QueueName.train).obliterate({ force: true });
    const dataDir = process.env.DATA_DIR!;
    const jobDir = path.join(dataDir, "jobs", id);
    const adapterDir = path.join(dataDir, "adapters", `disk-test-${id}`);
    await mkdir(path.join(jobDir, "attempt-1", "out", "checkpoint-6"), { recursive: true });
    await writeFile(path.join(jobDir, "train.jsonl"), "x".repeat(1000));
    await writeFile(path.join(jobDir, "attempt-1", "out", "checkpoint-6", "adapter_model.safetensors"), "x".repeat(3000));
    await mkdir(adapterDir, { recursive: true });
    await writeFile(path.join(adapterDir, "adapter_model.safetensors"), "x".repeat(500));
    await db.adapter.create({ data: { name: `disk-test-${id}`, jobId: id, baseModelId: "demo-tiny-zh", path: adapterDir } });
    const mergedDir = path.join(dataDir, "merged", `disk-test-${id}`);
    await mkdir(mergedDir, { recursive: true });
    await writeFile(path.join(mergedDir, "config.json"), "{}");

    const shown = Job.parse(await (await getJobRoute(apiRequest(`/api/jobs/${id}`), routeParams({ id }))).json());
    expect(shown.diskBytes).toBe(4500);
    const deleteJob = () => deleteJobRoute(apiRequest(`/api/jobs/${id}`, { method: "DELETE" }), routeParams({ id }));
    // Still queued: refused, nothing removed.
    const refused = await deleteJob();
    expect(refused.status).toBe(409);
    expect((await refused.json()).error.code).toBe("job_active");
    expect(existsSync(jobDir)).toBe(true);

    await db.trainingJob.update({ where: { id }, data: { status: "succeeded" } });
    expect((await deleteJob()).status).toBe(204);
    expect(await db.trainingJob.findUnique({ where: { id } })).toBeNull();
    expect(await db.adapter.count({ where: { jobId: id } })).toBe(0);
    expect(existsSync(jobDir)).toBe(false);
    expect(existsSync(adapterDir)).toBe(false);
    expect(existsSync(mergedDir)).toBe(false);
    expect((await deleteJob()).status).toBe(404);
  });

  it("answers 404 JSON for an unknown job on every route", async () => {
    const id = "missing";
    for (const response of [
      await getJobRoute(apiRequest(`/api/jobs/${id}`), routeParams({ id })),
      await metricsRoute(apiRequest(`/api/jobs/${id}/metrics`), routeParams({ id })),
      await cancelRoute(apiRequest(`/api/jobs/${id}/cancel`, { method: "POST" }), routeParams({ id })),
      await eventsRoute(apiRequest(`/api/jobs/${id}/events`), routeParams({ id })),
    ]) {
      expect(response.status).toBe(404);
      expect((await response.json()).error.code).toBe("not_found");
    }
  });
});

describe("GET /api/jobs/:id/events", () => {
  async function readEvents(response: Response, count: number) {
    const reader = response.body!.getReader();
    const decoder = new TextDecoder();
    let text = "";
    const events: { id: string; data: unknown }[] = [];
    while (events.length < count) {
      const { value, done } = await reader.read();
      if (done) break;
      text += decoder.decode(value);
      const blocks = text.split("\n\n");
      text = blocks.pop()!;
      for (const block of blocks) {
        const id = /^id: (.*)$/m.exec(block)?.[1];
        const data = /^data: (.*)$/m.exec(block)?.[1];
        if (id && data) events.push({ id, data: JSON.parse(data) });
      }
    }
    await reader.cancel();
    return events;
  }

  it("starts with the job's state, streams live events, and replays what a reconnect missed", async () => {
    const dataset = await createDataset();
    const { id } = await (await postJob({ datasetId: dataset.id, baseModelId: "demo-tiny-zh" })).json();
    const controller = new AbortController();
    const live = await eventsRoute(apiRequest(`/api/jobs/${id}/events`, { signal: controller.signal }), routeParams({ id }));
    expect(live.headers.get("content-type")).toContain("text/event-stream");
    const livePromise = readEvents(live, 3);
    await new Promise((resolve) => setTimeout(resolve, 200));
    const redis = getRedis();
    const metric = (step: number) => ({ type: "metric" as const, metric: { step, epoch: 0, loss: 1, gradNorm: 1, learningRate: 1e-3 } });
    await appendJobEvent(redis, id, metric(1));
    await appendJobEvent(redis, id, metric(2));
    const received = await livePromise;
    controller.abort();
    expect(received[0]!.data).toMatchObject({ type: "status", job: { id, status: "queued" } });
    expect(received.slice(1).map((e) => (e.data as { metric: { step: number } }).metric.step)).toEqual([1, 2]);

    // A client that saw step 1 reconnects: it gets step 2 and then what came after.
    await appendJobEvent(redis, id, metric(3));
    const resumed = await eventsRoute(
      apiRequest(`/api/jobs/${id}/events`, { headers: { "last-event-id": received[1]!.id } }),
      routeParams({ id }),
    );
    const replayed = await readEvents(resumed, 2);
    expect(replayed.map((e) => (e.data as { metric: { step: number } }).metric.step)).toEqual([2, 3]);
    expect(replayed[0]!.id > received[1]!.id).toBe(true);
    await getQueue(QueueName.train).obliterate({ force: true });
  });
});
