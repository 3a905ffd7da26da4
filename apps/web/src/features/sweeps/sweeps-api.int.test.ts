// Sweeps through the real route handlers, Postgres and Redis: a search space becomes ordinary
// queued jobs (all or none), the sweep ranks them by its metric from their eval points, the
// per-account cap refuses jobs and sweeps past it, and promote refuses what it cannot promote.
// (Training a sweep and promoting its winner into the real vLLM is e2e/sweeps.spec.ts.)
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { SweepDetail, SweepListResponse } from "@loraboard/contracts";
import { getDb } from "@loraboard/db/server";
import { QueueName } from "@loraboard/queue";
import { getQueue } from "@loraboard/queue/server";
import { POST as createJobRoute } from "@/app/api/jobs/route";
import { POST as cancelJobRoute } from "@/app/api/jobs/[id]/cancel/route";
import { POST as retryJobRoute } from "@/app/api/jobs/[id]/retry/route";
import { GET as listSweepsRoute, POST as createSweepRoute } from "@/app/api/sweeps/route";
import { DELETE as deleteSweepRoute, GET as getSweepRoute } from "@/app/api/sweeps/[id]/route";
import { POST as cancelSweepRoute } from "@/app/api/sweeps/[id]/cancel/route";
import { POST as promoteRoute } from "@/app/api/sweeps/[id]/promote/route";
import { apiRequest, routeParams } from "../../../../../tests/helpers/api";
import { createTestAccount } from "../../../../../tests/helpers/accounts";
import { createDataset } from "../../../../../tests/helpers/factories";

// A small cap, read once by the web settings (before any request of this file).
const CAP = 6;
const configuredCap = process.env.MAX_ACTIVE_JOBS_PER_USER;
beforeAll(() => {
  process.env.MAX_ACTIVE_JOBS_PER_USER = String(CAP);
});
afterAll(() => {
  if (configuredCap === undefined) delete process.env.MAX_ACTIVE_JOBS_PER_USER;
  else process.env.MAX_ACTIVE_JOBS_PER_USER = configuredCap;
});
afterEach(async () => {
  await getQueue(QueueName.train).obliterate({ force: true });
});

const BASE = { epochs: 1, batchSize: 8, gradientAccumulationSteps: 1, maxLength: 64, evalSteps: 2 };
const json = (body: unknown) => ({ method: "POST", body: JSON.stringify(body), headers: { "content-type": "application/json" } });

function postSweep(body: unknown, token?: string) {
  return createSweepRoute(apiRequest("/api/sweeps", { ...json(body), token }), routeParams({}));
}
async function getSweep(id: string) {
  const response = await getSweepRoute(apiRequest(`/api/sweeps/${id}`), routeParams({ id }));
  expect(response.status).toBe(200);
  return SweepDetail.parse(await response.json());
}
function promote(id: string, body?: unknown) {
  const init = body === undefined ? { method: "POST" } : json(body);
  return promoteRoute(apiRequest(`/api/sweeps/${id}/promote`, init), routeParams({ id }));
}

describe("POST /api/sweeps", () => {
  it("refuses what cannot be a sweep, field by field, and stores nothing", async () => {
    const dataset = await createDataset();
    const valid = { datasetId: dataset.id, baseModelId: "demo-tiny-zh", hyperparameters: BASE, space: { loraR: [4, 8] } };
    const cases: [unknown, number, string | undefined][] = [
      [{ ...valid, space: { loraR: [8] } }, 422, "space"],
      [{ ...valid, space: { learningRate: [1, 2, 3, 4, 5].map((n) => n / 1000), loraR: [2, 4, 8, 16] } }, 422, "space"],
      [{ ...valid, strategy: "random" }, 422, "samples"],
      [{ ...valid, strategy: "random", samples: 17 }, 422, "samples"],
      [{ ...valid, space: { learningRate: [0.001, 2] } }, 422, "space.learningRate.1"],
      [{ ...valid, space: { loraR: [4, 4] } }, 422, "space.loraR"],
      [{ ...valid, space: { batchSize: [4, 8] } }, 422, "space"],
      [{ ...valid, space: { epochs: [1, 101] } }, 422, "space.epochs.1"],
      // 100 epochs of 48 rows evaluated every step is 600 evaluations: the base's evalSteps is named.
      [{ ...valid, hyperparameters: { ...BASE, evalSteps: 1 }, space: { epochs: [1, 100] } }, 422, "hyperparameters.evalSteps"],
      [{ ...valid, metric: "accuracy" }, 422, "metric"],
      [{ ...valid, datasetId: "nope" }, 404, undefined],
      [{ ...valid, baseModelId: "nope" }, 404, undefined],
    ];
    for (const [body, status, field] of cases) {
      const response = await postSweep(body);
      const text = await response.text();
      expect(response.status, text).toBe(status);
      const { error } = JSON.parse(text);
      expect(error.message, text).toEqual(expect.any(String));
      if (field) expect(error.issues.map((issue: { field: string }) => issue.field), text).toContain(field);
    }
    expect(await getDb().sweep.count()).toBe(0);
    expect(await getDb().trainingJob.count()).toBe(0);
  });

  it("makes one queued job per combination, in one group on the dataset's split, and ranks them by the metric", async () => {
    const dataset = await createDataset();
    const response = await postSweep({
      datasetId: dataset.id,
      baseModelId: "demo-tiny-zh",
      name: "Rank test",
      hyperparameters: { ...BASE, loraR: 16 },
      space: { learningRate: [0.001, 0.004], targetModules: [["q_proj"], ["q_proj", "v_proj"]] },
      metric: "valAccuracy",
    });
    expect(response.status, await response.clone().text()).toBe(201);
    const created = SweepDetail.parse(await response.json());
    expect(created).toMatchObject({ name: "Rank test", strategy: "grid", status: "running", jobCount: 4, jobCounts: { queued: 4 }, bestJobId: null });

    const rows = await getDb().trainingJob.findMany({ where: { sweepId: created.id }, orderBy: { adapterName: "asc" } });
    expect(rows).toHaveLength(4);
    expect(rows.map((row) => row.adapterName)).toEqual(["rank-test-v1", "rank-test-v2", "rank-test-v3", "rank-test-v4"]);
    const tried = rows.map((row) => row.hyperparameters as { learningRate: number; targetModules: string[]; loraR: number; epochs: number });
    expect(tried.map((h) => `${h.learningRate}/${h.targetModules.join("+")}`).sort()).toEqual(
      ["0.001/q_proj", "0.001/q_proj+v_proj", "0.004/q_proj", "0.004/q_proj+v_proj"],
    );
    // The base hyperparameters go to every job; the dataset (and so its one split) is shared.
    expect(tried.every((h) => h.loraR === 16 && h.epochs === 1)).toBe(true);
    expect(new Set(rows.map((row) => row.datasetId))).toEqual(new Set([dataset.id]));
    for (const row of rows) expect(await getQueue(QueueName.train).getJob(row.id)).toBeTruthy();

    // Eval points: job 1 peaks at 0.9, job 2 at 0.9 with a lower loss, job 3 at 0.6; job 4 none yet.
    const [a, b, c] = rows;
    await getDb().jobMetric.createMany({
      data: [
        { jobId: a!.id, step: 2, evalAccuracy: 0.5, evalLoss: 0.9 },
        { jobId: a!.id, step: 4, evalAccuracy: 0.9, evalLoss: 0.5 },
        { jobId: b!.id, step: 2, evalAccuracy: 0.9, evalLoss: 0.3 },
        { jobId: c!.id, step: 2, evalAccuracy: 0.6, evalLoss: 0.2 },
        { jobId: c!.id, step: 3, loss: 0.1 },
      ],
    });
    const byAccuracy = await getSweep(created.id);
    expect(byAccuracy.jobs.map((entry) => [entry.job.id, entry.rank, entry.score])).toEqual([
      [b!.id, 1, 0.9], [a!.id, 2, 0.9], [c!.id, 3, 0.6], [rows[3]!.id, null, null],
    ]);
    expect(byAccuracy.bestJobId).toBe(b!.id);
    expect(byAccuracy.jobs[1]!.curve).toEqual([{ step: 2, evalAccuracy: 0.5, evalLoss: 0.9 }, { step: 4, evalAccuracy: 0.9, evalLoss: 0.5 }]);
    expect(Object.keys(byAccuracy.jobs[0]!.overrides).sort()).toEqual(["learningRate", "targetModules"]);

    await getDb().sweep.update({ where: { id: created.id }, data: { metric: "evalLoss" } });
    const byLoss = await getSweep(created.id);
    expect(byLoss.jobs.map((entry) => entry.job.id)).toEqual([c!.id, b!.id, a!.id, rows[3]!.id]);

    const list = SweepListResponse.parse(await (await listSweepsRoute(apiRequest("/api/sweeps"), routeParams({}))).json());
    expect(list.items).toEqual([expect.objectContaining({ id: created.id, jobCount: 4, status: "running" })]);
  });

  it("random: the seed's distinct combinations", async () => {
    const dataset = await createDataset();
    const body = { datasetId: dataset.id, baseModelId: "demo-tiny-zh", hyperparameters: BASE, space: { learningRate: [0.001, 0.002, 0.004], loraR: [2, 4, 8] }, strategy: "random", samples: 3, seed: 5 };
    const first = SweepDetail.parse(await (await postSweep(body)).json());
    expect(first).toMatchObject({ strategy: "random", samples: 3, seed: 5, jobCount: 3 });
    const combos = first.jobs.map((entry) => JSON.stringify(entry.overrides));
    expect(new Set(combos).size).toBe(3);
  });
});

describe("MAX_ACTIVE_JOBS_PER_USER", () => {
  it("counts queued and running jobs per account, sweeps' included: past it, 429 and nothing stored", async () => {
    const dataset = await createDataset();
    const sweep = { datasetId: dataset.id, baseModelId: "demo-tiny-zh", hyperparameters: BASE, space: { loraR: [2, 4, 8, 16] } };
    const job = { datasetId: dataset.id, baseModelId: "demo-tiny-zh", hyperparameters: BASE };
    const postJob = () => createJobRoute(apiRequest("/api/jobs", json(job)), routeParams({}));

    expect((await postSweep(sweep)).status).toBe(201);
    expect((await postJob()).status).toBe(201);
    const refused = await postSweep(sweep);
    expect(refused.status).toBe(429);
    const { error } = await refused.json();
    expect(error.code).toBe("too_many_jobs");
    expect(error.message).toContain(`You have 5 jobs queued or running and asked for 4 more; an account may have at most ${CAP}`);
    expect(await getDb().sweep.count()).toBe(1);

    const last = await postJob();
    expect(last.status).toBe(201);
    const overCap = await postJob();
    expect(overCap.status).toBe(429);
    expect((await overCap.json()).error.code).toBe("too_many_jobs");
    expect(await getDb().trainingJob.count()).toBe(CAP);

    // Another account has a cap of its own; a cancelled job frees a place.
    const member = await createTestAccount("member");
    expect((await postSweep(sweep, member.token)).status).toBe(201);
    const { id } = await last.json();
    expect((await cancelJobRoute(apiRequest(`/api/jobs/${id}/cancel`, { method: "POST" }), routeParams({ id }))).status).toBe(202);
    expect((await postJob()).status).toBe(201);
  });
});

describe("cancel, delete and promote", () => {
  async function makeSweep() {
    const dataset = await createDataset();
    const response = await postSweep({ datasetId: dataset.id, baseModelId: "demo-tiny-zh", hyperparameters: BASE, space: { loraR: [2, 4, 8] } });
    return SweepDetail.parse(await response.json());
  }

  it("promote refuses a sweep with nothing finished, a job of another sweep, and a job that has not succeeded", async () => {
    const sweep = await makeSweep();
    const other = await makeSweep();
    const empty = await promote(sweep.id);
    expect(empty.status).toBe(409);
    expect((await empty.json()).error.code).toBe("no_promotable_job");
    const foreign = await promote(sweep.id, { jobId: other.jobs[0]!.job.id });
    expect(foreign.status).toBe(422);
    const running = await promote(sweep.id, { jobId: sweep.jobs[0]!.job.id });
    expect(running.status).toBe(409);
    expect((await running.json()).error.code).toBe("job_not_promotable");
    expect((await promote("missing")).status).toBe(404);
  });

  it("promote picks the best succeeded job; with the inference server down it says so and records no winner", async () => {
    const sweep = await makeSweep();
    const [first, second] = sweep.jobs.map((entry) => entry.job);
    for (const [job, accuracy] of [[first!, 0.6], [second!, 0.8]] as const) {
      await getDb().trainingJob.update({ where: { id: job.id }, data: { status: "succeeded", finishedAt: new Date() } });
      await getDb().adapter.create({ data: { name: `${job.id}-adapter`, jobId: job.id, baseModelId: "demo-tiny-zh", path: "/nonexistent", shouldLoad: false } });
      await getDb().jobMetric.create({ data: { jobId: job.id, step: 2, evalAccuracy: accuracy, evalLoss: 0.5 } });
    }
    expect((await getSweep(sweep.id)).bestJobId).toBe(second!.id);
    // Nothing listens at the test INFERENCE_URL here: the load fails before any evaluation is made.
    const response = await promote(sweep.id);
    expect(response.status).toBe(503);
    expect((await response.json()).error.code).toBe("inference_unavailable");
    expect(await getDb().adapter.findUnique({ where: { jobId: second!.id } })).toMatchObject({ shouldLoad: true, status: "unloaded" });
    expect(await getDb().evaluation.count()).toBe(0);
    expect((await getSweep(sweep.id)).winnerJobId).toBeNull();
  });

  it("cancel ends every queued job once; delete then removes the sweep and its jobs", async () => {
    const sweep = await makeSweep();
    const busy = await deleteSweepRoute(apiRequest(`/api/sweeps/${sweep.id}`, { method: "DELETE" }), routeParams({ id: sweep.id }));
    expect(busy.status).toBe(409);
    const cancel = () => cancelSweepRoute(apiRequest(`/api/sweeps/${sweep.id}/cancel`, { method: "POST" }), routeParams({ id: sweep.id }));
    const cancelled = await cancel();
    expect(cancelled.status).toBe(202);
    const after = SweepDetail.parse(await cancelled.json());
    expect(after.status).toBe("cancelled");
    expect(after.jobs.map((entry) => entry.job.status)).toEqual(["cancelled", "cancelled", "cancelled"]);
    expect((await cancel()).status).toBe(409);

    // A retried job stays in its sweep, which runs again.
    const retriedId = after.jobs[0]!.job.id;
    const retried = await retryJobRoute(apiRequest(`/api/jobs/${retriedId}/retry`, { method: "POST" }), routeParams({ id: retriedId }));
    expect(retried.status).toBe(201);
    expect(await getDb().trainingJob.findUnique({ where: { id: (await retried.json()).id } })).toMatchObject({ sweepId: sweep.id, status: "queued" });
    expect((await getSweep(sweep.id)).status).toBe("running");
    expect((await cancel()).status).toBe(202);

    const deleted = await deleteSweepRoute(apiRequest(`/api/sweeps/${sweep.id}`, { method: "DELETE" }), routeParams({ id: sweep.id }));
    expect(deleted.status).toBe(204);
    expect(await getDb().sweep.count()).toBe(0);
    expect(await getDb().trainingJob.count()).toBe(0);
  });
});
