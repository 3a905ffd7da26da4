// The zero-shot baseline's bookkeeping against the real Postgres and Redis queue, with the inference
// server's answers scripted (baseline-end-to-end.int.test.ts runs it against the real vLLM).
import { afterEach, describe, expect, it } from "vitest";
import { getDb } from "@loraboard/db/server";
import { QueueName } from "@loraboard/queue";
import { getQueue } from "@loraboard/queue/server";
import { createDataset } from "../../../../tests/helpers/factories";
import { createTrainingJobRow } from "../../../../tests/helpers/training";
import { ensureBaseline } from "./baseline";
import { runEvaluation, type CompleteFn } from "./run-evaluation";

const quiet = { log: () => undefined };

/** A trained job's adapter and an evaluation of it on the test split (6 rows of the 60). */
async function createAdapterEvaluation(datasetId: string, options: { promptTemplate?: string; total?: number } = {}) {
  const db = getDb();
  const job = await createTrainingJobRow(datasetId);
  if (options.promptTemplate) await db.trainingJob.update({ where: { id: job.id }, data: { promptTemplate: options.promptTemplate } });
  const adapter = await db.adapter.create({ data: { name: job.adapterName, jobId: job.id, baseModelId: "demo-tiny-zh", path: "/nowhere" } });
  return db.evaluation.create({
    data: { model: adapter.name, adapterId: adapter.id, jobId: job.id, datasetId, split: "test", total: options.total ?? 6 },
  });
}

afterEach(async () => {
  await getQueue(QueueName.evaluate).obliterate({ force: true });
});

describe("the zero-shot baseline of an adapter evaluation", () => {
  it("is queued once, asks the base model with the adapter's template and words, and is shared by evaluations asking the same", async () => {
    const db = getDb();
    const dataset = await createDataset();
    const first = await createAdapterEvaluation(dataset.id);
    const asked: { model: string; prompt: string }[] = [];
    // The adapter knows the answer; the base model answers 积极 to everything.
    const complete: CompleteFn = async ({ model, prompt }) => {
      asked.push({ model, prompt });
      if (model === "demo-tiny-zh") return "积极";
      return prompt.includes("好") ? "积极" : "消极";
    };
    await runEvaluation({ db, complete, concurrency: 2, baseline: quiet }, first.id);

    const linked = await db.evaluation.findUniqueOrThrow({ where: { id: first.id } });
    expect(linked.status).toBe("succeeded");
    expect(linked.baselineId).not.toBeNull();
    const baseline = await db.evaluation.findUniqueOrThrow({ where: { id: linked.baselineId! } });
    expect(baseline).toMatchObject({ model: "demo-tiny-zh", adapterId: null, jobId: null, split: "test", fewShot: 0, total: 6, status: "queued" });
    expect(baseline.labelWords).toEqual({ "0": "消极", "1": "积极" });
    // Queued under its own id, to run after the adapter's evaluation.
    expect(await getQueue(QueueName.evaluate).getJob(baseline.id)).toBeDefined();

    await runEvaluation({ db, complete, concurrency: 2, baseline: quiet }, baseline.id);
    const ran = await db.evaluation.findUniqueOrThrow({ where: { id: baseline.id } });
    expect(ran.status).toBe("succeeded");
    const basePrompts = asked.filter((request) => request.model === "demo-tiny-zh").map((request) => request.prompt);
    const adapterPrompts = asked.filter((request) => request.model !== "demo-tiny-zh").map((request) => request.prompt);
    expect(basePrompts).toHaveLength(6);
    expect([...basePrompts].sort()).toEqual([...adapterPrompts].sort());
    // A baseline has no baseline of its own.
    expect(ran.baselineId).toBeNull();
    expect(await db.evaluation.count()).toBe(2);

    // A second adapter of the same recipe reuses it; a different template gets its own.
    const second = await createAdapterEvaluation(dataset.id);
    expect(await ensureBaseline(db, second.id, quiet)).toBe(baseline.id);
    const otherTemplate = await createAdapterEvaluation(dataset.id, { promptTemplate: "评论：{sentence}\n情感：" });
    const otherBaseline = await ensureBaseline(db, otherTemplate.id, quiet);
    expect(otherBaseline).not.toBeNull();
    expect(otherBaseline).not.toBe(baseline.id);
    expect((await db.evaluation.findUniqueOrThrow({ where: { id: otherBaseline! } })).promptTemplate).toBe("评论：{sentence}\n情感：");
    // A quick look at fewer rows is compared with the base model on those same rows.
    const limited = await createAdapterEvaluation(dataset.id, { total: 3 });
    const limitedBaseline = await ensureBaseline(db, limited.id, quiet);
    expect(limitedBaseline).not.toBe(baseline.id);
    expect((await db.evaluation.findUniqueOrThrow({ where: { id: limitedBaseline! } })).total).toBe(3);
  });

  it("makes one baseline when several adapter evaluations ask at once", async () => {
    const db = getDb();
    const dataset = await createDataset();
    const evaluations = await Promise.all(Array.from({ length: 6 }, () => createAdapterEvaluation(dataset.id)));
    const ids = await Promise.all(evaluations.map((evaluation) => ensureBaseline(db, evaluation.id, quiet)));
    expect(new Set(ids).size).toBe(1);
    expect(ids[0]).not.toBeNull();
    expect(await db.evaluation.count({ where: { adapterId: null } })).toBe(1);
    expect(await db.evaluation.count({ where: { baselineId: ids[0] } })).toBe(6);
    expect(await getQueue(QueueName.evaluate).getJobCounts("waiting")).toMatchObject({ waiting: 1 });
  });

  it("never fails the adapter's evaluation: a failing base model or a queue that refuses is recorded on the baseline's row", async () => {
    const db = getDb();
    const dataset = await createDataset();
    const adapterEvaluation = await createAdapterEvaluation(dataset.id);
    // The base model's server refuses every request (a 400 is not retried).
    const complete: CompleteFn = async ({ model }) => {
      if (model === "demo-tiny-zh") throw Object.assign(new Error("The model `demo-tiny-zh` does not exist."), { status: 400 });
      return "积极";
    };
    await runEvaluation({ db, complete, concurrency: 1, retryDelaysMs: [1], baseline: quiet }, adapterEvaluation.id);
    const adapterRow = await db.evaluation.findUniqueOrThrow({ where: { id: adapterEvaluation.id } });
    await runEvaluation({ db, complete, concurrency: 1, retryDelaysMs: [1], baseline: quiet }, adapterRow.baselineId!);
    expect((await db.evaluation.findUniqueOrThrow({ where: { id: adapterEvaluation.id } })).status).toBe("succeeded");
    const failed = await db.evaluation.findUniqueOrThrow({ where: { id: adapterRow.baselineId! } });
    expect(failed.status).toBe("failed");
    expect(failed.error).toMatchObject({ code: "inference_error" });

    // The next adapter evaluation asking the same gives the failed baseline another go.
    const next = await createAdapterEvaluation(dataset.id);
    expect(await ensureBaseline(db, next.id, quiet)).toBe(failed.id);
    expect((await db.evaluation.findUniqueOrThrow({ where: { id: failed.id } })).status).toBe("queued");

    // A queue that refuses the baseline: the adapter's evaluation still runs to the end.
    const otherDataset = await createDataset({ name: "other reviews" });
    const unqueued = await createAdapterEvaluation(otherDataset.id);
    const refusing = {
      ...quiet,
      enqueue: async () => {
        throw new Error("Connection is closed.");
      },
    };
    await runEvaluation({ db, complete, concurrency: 1, baseline: refusing }, unqueued.id);
    const unqueuedRow = await db.evaluation.findUniqueOrThrow({ where: { id: unqueued.id } });
    expect(unqueuedRow.status).toBe("succeeded");
    const notQueued = await db.evaluation.findUniqueOrThrow({ where: { id: unqueuedRow.baselineId! } });
    expect(notQueued.status).toBe("failed");
    expect(notQueued.error).toMatchObject({ code: "queue_unavailable" });

    // A baseline that cannot be set up at all (no such evaluation) is logged, not thrown.
    const messages: string[] = [];
    expect(await ensureBaseline(db, "no-such-evaluation", { log: (message) => messages.push(message) })).toBeNull();
    expect(messages[0]).toContain("no zero-shot baseline");
  });
});
