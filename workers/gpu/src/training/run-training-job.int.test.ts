// The training runner end to end with the real Python trainer on the demo model.
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@loraboard/db/server";
import { readJobEventsAfter, requestJobCancel } from "@loraboard/queue/server";
import { createDataset } from "../../../../tests/helpers/factories";
import { createTrainingContext, createTrainingJobRow } from "../../../../tests/helpers/training";
import { GpuPool } from "./gpu-pool";
import { GPU_PASS_TOKENS } from "@loraboard/domain";
import { runTrainingJob } from "./run-training-job";

let harness: Awaited<ReturnType<typeof createTrainingContext>>;
beforeAll(async () => {
  harness = await createTrainingContext();
});
afterAll(async () => {
  await harness.close();
});

describe("runTrainingJob", () => {
  it("trains, stores every step once with eval losses, keeps the log, and records the adapter", async () => {
    const dataset = await createDataset();
    const job = await createTrainingJobRow(dataset.id);
    const db = getDb();
    const creator = await db.user.create({ data: { id: `creator-${job.id}`, name: "Creator", email: `creator-${job.id}@example.com` } });
    await db.trainingJob.update({ where: { id: job.id }, data: { createdById: creator.id } });
    await runTrainingJob(harness.context, job.id);

    const finished = await db.trainingJob.findUniqueOrThrow({ where: { id: job.id }, include: { adapter: true } });
    expect(finished.error).toBeNull();
    expect(finished.status).toBe("succeeded");
    expect(finished.progress).toBe(1);
    expect(finished.attempts).toBe(1);
    expect(finished.finishedAt).not.toBeNull();

    // 48 train rows in batches of 8: 6 optimizer steps, each logged once, eval every 2 steps.
    const metrics = await db.jobMetric.findMany({ where: { jobId: job.id }, orderBy: { step: "asc" } });
    expect(metrics.map((m) => m.step)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(metrics.every((m) => typeof m.loss === "number" && Number.isFinite(m.loss))).toBe(true);
    expect(metrics.every((m) => typeof m.learningRate === "number" && typeof m.gradNorm === "number")).toBe(true);
    expect(metrics.filter((m) => m.evalLoss !== null).map((m) => m.step)).toEqual([2, 4, 6]);
    // Validation accuracy and macro-F1 from the label words' logits, stored with each eval loss.
    const evals = metrics.filter((m) => m.evalLoss !== null);
    expect(evals.every((m) => m.evalAccuracy !== null && m.evalAccuracy >= 0 && m.evalAccuracy <= 1)).toBe(true);
    expect(evals.every((m) => m.evalMacroF1 !== null && m.evalMacroF1 >= 0 && m.evalMacroF1 <= 1)).toBe(true);
    expect(metrics.filter((m) => m.evalAccuracy !== null).map((m) => m.step)).toEqual([2, 4, 6]);
    // The adapter is the checkpoint of the best validation accuracy, a tie broken by the lower eval loss.
    const best = [...evals].sort((a, b) => b.evalAccuracy! - a.evalAccuracy! || a.evalLoss! - b.evalLoss!)[0]!;
    expect(finished.bestStep).toBe(best.step);
    expect(finished.totalSteps).toBe(6);
    expect(finished.currentStep).toBe(6);

    expect(finished.adapter?.name).toBe(job.adapterName);
    expect(finished.adapter?.status).toBe("unloaded");
    expect(finished.adapter?.createdById).toBe(creator.id); // credited to whoever started the job
    expect(existsSync(path.join(finished.adapter!.path, "adapter_config.json"))).toBe(true);
    expect(existsSync(path.join(finished.adapter!.path, "adapter_model.safetensors"))).toBe(true);

    const logLines = await db.jobLogLine.findMany({ where: { jobId: job.id } });
    expect(logLines.some((l) => l.stream === "worker" && l.line.includes("starting from scratch"))).toBe(true);

    // Checkpoints were saved at steps 2, 4 and 6; once succeeded only the last is kept (issue 16 item 11).
    const outputDir = path.join(process.env.DATA_DIR!, "jobs", job.id, "attempt-1", "out");
    expect(readdirSync(outputDir).filter((name) => name.startsWith("checkpoint-"))).toEqual(["checkpoint-6"]);

    // The live stream carried the metrics and the final status.
    const events = (await readJobEventsAfter(harness.context.redis, job.id, "0-0", 10_000)).map((e) => JSON.parse(e.data));
    expect(events.filter((e) => e.type === "metric").map((e) => e.metric.step)).toEqual(expect.arrayContaining([1, 6]));
    const liveAccuracy = events.filter((e) => e.type === "metric" && typeof e.metric.evalAccuracy === "number");
    expect(liveAccuracy.map((e) => e.metric.step)).toEqual([2, 4, 6]);
    expect(events.at(-1)).toMatchObject({ type: "status", job: { status: "succeeded" } });
  });

  it("stops early after the job's patience and publishes the best checkpoint by its chosen metric (issue 17)", async () => {
    const dataset = await createDataset();
    // A learning rate so small that no prediction changes: every evaluation after the first is no
    // improvement in macro-F1, so patience 2 stops the 12-step run at step 6, and the best checkpoint by
    // that metric stays the first one (step 2). Not eval loss: in float32 (a CPU without bf16 autocast)
    // a 1e-12 update still moves the loss's last bits, sometimes down, and the run went on to step 10.
    const job = await createTrainingJobRow(dataset.id, {
      hyperparameters: { epochs: 2, learningRate: 1e-12, metricForBestModel: "eval_macro_f1", earlyStoppingPatience: 2 },
    });
    await runTrainingJob(harness.context, job.id);

    const db = getDb();
    const spec = JSON.parse(readFileSync(path.join(harness.context.dataDir, "jobs", job.id, "attempt-1", "spec.json"), "utf8"));
    expect(spec.training).toMatchObject({ metricForBestModel: "eval_macro_f1", earlyStoppingPatience: 2 });
    const finished = await db.trainingJob.findUniqueOrThrow({ where: { id: job.id }, include: { adapter: true } });
    expect(finished.error).toBeNull();
    expect(finished.status).toBe("succeeded");
    const metrics = await db.jobMetric.findMany({ where: { jobId: job.id }, orderBy: { step: "asc" } });
    expect(metrics.map((m) => m.step)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(metrics.filter((m) => m.evalLoss !== null).map((m) => m.step)).toEqual([2, 4, 6]);
    expect(finished.bestStep).toBe(2);
    expect(finished.adapter).not.toBeNull();
  });

  it("fails the job with the trainer's own message when the base model directory is missing", async () => {
    const dataset = await createDataset();
    await getDb().baseModel.create({ data: { id: "missing-model", name: "missing", path: "/nonexistent/model" } });
    const job = await createTrainingJobRow(dataset.id, { baseModelId: "missing-model" });
    await runTrainingJob(harness.context, job.id);
    const failed = await getDb().trainingJob.findUniqueOrThrow({ where: { id: job.id } });
    expect(failed.status).toBe("failed");
    expect(failed.error).toMatchObject({ code: "model_not_found" });
    expect((failed.error as { message: string }).message).toContain("/nonexistent/model");
  });

  it("fails the job with the error when the run cannot be prepared (DATA_DIR/jobs unwritable), never leaving it running (issue 16 item 7)", async () => {
    // A file where the jobs folder should be: even root cannot create a folder under it.
    const dataDir = mkdtempSync(path.join(os.tmpdir(), "unwritable-jobs-"));
    writeFileSync(path.join(dataDir, "jobs"), "not a folder");
    const broken = await createTrainingContext({ dataDir });
    try {
      const job = await createTrainingJobRow((await createDataset()).id);
      await runTrainingJob(broken.context, job.id).catch(() => undefined);
      const failed = await getDb().trainingJob.findUniqueOrThrow({ where: { id: job.id } });
      expect(failed.status).toBe("failed");
      expect(failed.finishedAt).not.toBeNull();
      expect(failed.error).toMatchObject({ code: "worker_error" });
      expect((failed.error as { message: string }).message).toMatch(/could not prepare the run.*(ENOTDIR|EEXIST)/);
    } finally {
      await broken.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it("fails the job with the error when what follows training throws (loading the adapter, starting the evaluation) (issue 16 item 7)", async () => {
    const after = await createTrainingContext({
      onSucceeded: async () => {
        throw new Error("Connection is closed.");
      },
    });
    try {
      const job = await createTrainingJobRow((await createDataset()).id);
      await runTrainingJob(after.context, job.id).catch(() => undefined);
      const failed = await getDb().trainingJob.findUniqueOrThrow({ where: { id: job.id }, include: { adapter: true } });
      expect(failed.status).toBe("failed");
      expect(failed.error).toMatchObject({ code: "worker_error" });
      expect((failed.error as { message: string }).message).toMatch(/Training finished, but .*Connection is closed/);
      expect(failed.adapter).not.toBeNull(); // the trained adapter is kept
    } finally {
      await after.close();
    }
  });

  it("cancels a running trainer at a step boundary and keeps the metrics it logged", async () => {
    const dataset = await createDataset({ rows: undefined });
    const job = await createTrainingJobRow(dataset.id, { hyperparameters: { epochs: 20, batchSize: 4 } });
    const run = runTrainingJob(harness.context, job.id);
    const db = getDb();
    for (let i = 0; i < 600 && (await db.jobMetric.count({ where: { jobId: job.id } })) < 2; i++) {
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    await requestJobCancel(harness.context.redis, job.id);
    await run;
    const cancelled = await db.trainingJob.findUniqueOrThrow({ where: { id: job.id } });
    expect(cancelled.status).toBe("cancelled");
    const steps = (await db.jobMetric.findMany({ where: { jobId: job.id }, orderBy: { step: "asc" } })).map((m) => m.step);
    expect(steps.length).toBeGreaterThanOrEqual(2);
    expect(steps).toEqual(Array.from({ length: steps.length }, (_, i) => i + 1));
    expect(cancelled.totalSteps).toBeGreaterThan(steps.length);
  });

  it("gives a job on a GPU worker the packed GPU recipe, and the trainer runs it to the same steps", async () => {
    // GPU_IDS=0 on a machine without one: the worker writes the GPU recipe into the spec, and the
    // trainer (which finds no CUDA device) runs it on the CPU — packing has a CPU path, compile is
    // CUDA-only. 48 rows, batch 4 × accumulation 2: still 6 optimizer steps of 8 reviews.
    const gpuHarness = await createTrainingContext({ gpuPool: new GpuPool(["0"]) });
    try {
      const dataset = await createDataset();
      const job = await createTrainingJobRow(dataset.id, { hyperparameters: { batchSize: 4, gradientAccumulationSteps: 2 } });
      await runTrainingJob(gpuHarness.context, job.id);

      const spec = JSON.parse(readFileSync(path.join(gpuHarness.context.dataDir, "jobs", job.id, "attempt-1", "spec.json"), "utf8"));
      expect(spec.training).toMatchObject({
        batchSize: 8, gradientAccumulationSteps: 1, packing: true, maxBatchTokens: GPU_PASS_TOKENS, groupByLength: false, torchCompile: false,
      });
      const finished = await getDb().trainingJob.findUniqueOrThrow({ where: { id: job.id } });
      expect(finished.error).toBeNull();
      expect(finished.status).toBe("succeeded");
      const metrics = await getDb().jobMetric.findMany({ where: { jobId: job.id }, orderBy: { step: "asc" } });
      expect(metrics.map((m) => m.step)).toEqual([1, 2, 3, 4, 5, 6]);
      expect(metrics.filter((m) => m.evalLoss !== null).map((m) => m.step)).toEqual([2, 4, 6]);
    } finally {
      await gpuHarness.close();
    }
  });
});
