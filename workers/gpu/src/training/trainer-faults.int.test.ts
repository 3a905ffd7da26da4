// The trainer dies without reporting why: the job fails with a reason a person can act on. Out of
// memory is the real thing: the trainer runs in a memory cgroup and the kernel's OOM killer stops
// it with SIGKILL, as on a host or in a container with a memory limit. A crash in native code is a
// SIGSEGV sent to the trainer mid-training.
import { getPriority } from "node:os";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@loraboard/db/server";
import { createDataset } from "../../../../tests/helpers/factories";
import { createMemoryCgroup, createTrainerWrapper, type MemoryCgroup } from "../../../../tests/helpers/trainer-faults";
import { createTrainingContext, createTrainingJobRow } from "../../../../tests/helpers/training";
import { CPU_TRAINER_NICENESS, createProcessRuntime } from "./process-runtime";
import { runTrainingJob } from "./run-training-job";

const MEMORY_LIMIT_BYTES = 700 * 1024 * 1024; // torch, transformers and the demo model need ~400 MB
let cgroup: MemoryCgroup | null = null;
beforeAll(() => {
  cgroup = createMemoryCgroup(`loraboard-oom-test-${process.pid}`, MEMORY_LIMIT_BYTES);
});
afterAll(() => {
  cgroup?.destroy();
});

async function waitFor<T>(what: string, probe: () => T | undefined | null | false | Promise<T | undefined | null | false>, timeoutMs = 120_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe("trainer faults", () => {
  it("fails the job as killed by the out-of-memory killer when the trainer outgrows its memory", async () => {
    // Long reviews, one batch of all 48 at up to 2,048 tokens: the logits alone need ~2 GB.
    const rows = Array.from({ length: 60 }, (_, index) => ({ sentence: `${index % 2 ? "很好" : "很差"}${"质量".repeat(900)}`, label: index % 2 }));
    const dataset = await createDataset({ rows });
    const job = await createTrainingJobRow(dataset.id, { hyperparameters: { batchSize: 48, maxLength: 2048 } });
    const wrapper = createTrainerWrapper({ cgroup });
    const harness = await createTrainingContext({ runtime: createProcessRuntime(wrapper.pythonBin) });
    try {
      const run = runTrainingJob(harness.context, job.id);
      if (!cgroup) {
        // No memory cgroup on this machine (not root, or none mounted): send what the OOM killer
        // sends, once the trainer runs.
        console.warn("[test] no memory cgroup could be made: the trainer is sent SIGKILL as the OOM killer would");
        const pid = await waitFor("the trainer's pid", () => wrapper.pid());
        process.kill(pid, "SIGKILL");
      }
      await run;
    } finally {
      await harness.close();
    }

    const failed = await getDb().trainingJob.findUniqueOrThrow({ where: { id: job.id } });
    expect(failed.status).toBe("failed");
    expect(failed.error).toMatchObject({ code: "trainer_killed", message: expect.stringContaining("out-of-memory killer") });
    expect((failed.error as { message: string }).message).toContain("lower the batch size or max length");
    expect(failed.finishedAt).not.toBeNull();
    expect(await getDb().adapter.count({ where: { jobId: job.id } })).toBe(0);
    if (cgroup) {
      expect(cgroup.oomKills()).toBeGreaterThanOrEqual(1); // the kernel did kill it
      // Killed while training, not while loading: the trainer had reported its start.
      const logLines = await getDb().jobLogLine.findMany({ where: { jobId: job.id } });
      expect(logLines.some((line) => line.stream === "worker" && line.line.startsWith("training on"))).toBe(true);
    }
  }, 180_000);

  it("fails the job with the signal and the trainer's last output when it crashes mid-training", async () => {
    const dataset = await createDataset();
    const job = await createTrainingJobRow(dataset.id, { hyperparameters: { epochs: 20, batchSize: 4 } });
    const wrapper = createTrainerWrapper();
    const harness = await createTrainingContext({ runtime: createProcessRuntime(wrapper.pythonBin) });
    const db = getDb();
    try {
      const run = runTrainingJob(harness.context, job.id);
      await waitFor("two stored steps", async () => (await db.jobMetric.count({ where: { jobId: job.id } })) >= 2);
      // On the CPU the trainer runs below normal priority, so the dashboard stays responsive.
      expect(getPriority(wrapper.pid()!)).toBe(CPU_TRAINER_NICENESS);
      process.kill(wrapper.pid()!, "SIGSEGV");
      await run;
    } finally {
      await harness.close();
    }

    const failed = await db.trainingJob.findUniqueOrThrow({ where: { id: job.id } });
    expect(failed.status).toBe("failed");
    expect(failed.error).toMatchObject({ code: "trainer_crashed", message: expect.stringContaining("died of signal SIGSEGV") });
    expect((failed.error as { message: string }).message).toContain("Last output: ");
    // What it logged before the crash is kept.
    const steps = (await db.jobMetric.findMany({ where: { jobId: job.id }, orderBy: { step: "asc" } })).map((m) => m.step);
    expect(steps.slice(0, 2)).toEqual([1, 2]);
  }, 180_000);
});
