// The docker runtime against a fake Docker Engine API server that runs the real trainer.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@loraboard/db/server";
import { QueueName } from "@loraboard/queue";
import { enqueue, getRedis, requestJobCancel } from "@loraboard/queue/server";
import { createDataset } from "../../../../tests/helpers/factories";
import { startFakeDocker } from "../../../../tests/helpers/fake-docker";
import { PYTHON_BIN, createTrainingContext, createTrainingJobRow } from "../../../../tests/helpers/training";
import { startWorkerProcess, waitFor, type WorkerProcess } from "../../../../tests/helpers/worker-process";
import { createDockerRuntime, createDockerStreamDemuxer, containerNameFor } from "./docker-runtime";
import { GpuPool } from "./gpu-pool";
import { runTrainingJob } from "./run-training-job";

let docker: Awaited<ReturnType<typeof startFakeDocker>>;
beforeAll(async () => {
  docker = await startFakeDocker(PYTHON_BIN);
});
const workers: WorkerProcess[] = [];
afterAll(async () => {
  for (const worker of workers) worker.kill();
  await docker.close();
});

describe("docker runtime", () => {
  it("demultiplexes stdout and stderr frames split anywhere", () => {
    const out: string[] = [];
    const err: string[] = [];
    const push = createDockerStreamDemuxer((c) => out.push(Buffer.from(c).toString()), (c) => err.push(Buffer.from(c).toString()));
    const frame = (stream: number, text: string) => {
      const payload = Buffer.from(text);
      const header = Buffer.alloc(8);
      header[0] = stream;
      header.writeUInt32BE(payload.length, 4);
      return Buffer.concat([header, payload]);
    };
    const bytes = Buffer.concat([frame(1, "hello "), frame(2, "warn\n"), frame(1, "world\n")]);
    for (let i = 0; i < bytes.length; i += 3) push(bytes.subarray(i, i + 3));
    expect(out.join("")).toBe("hello world\n");
    expect(err.join("")).toBe("warn\n");
  });

  it("runs a training job in a container with the GPU requested and DATA_DIR mounted", async () => {
    const harness = await createTrainingContext({
      runtime: createDockerRuntime({ image: "loraboard-trainer:test", dockerHost: docker.dockerHost }),
      gpuPool: new GpuPool(["1"]),
    });
    try {
      const dataset = await createDataset();
      const job = await createTrainingJobRow(dataset.id);
      await runTrainingJob(harness.context, job.id);

      const finished = await getDb().trainingJob.findUniqueOrThrow({ where: { id: job.id } });
      expect(finished.error).toBeNull();
      expect(finished.status).toBe("succeeded");
      const steps = (await getDb().jobMetric.findMany({ where: { jobId: job.id }, orderBy: { step: "asc" } })).map((m) => m.step);
      expect(steps).toEqual([1, 2, 3, 4, 5, 6]);
      const logLines = await getDb().jobLogLine.count({ where: { jobId: job.id, stream: "stderr" } });
      expect(logLines).toBeGreaterThan(0);

      const create = docker.requests.find((r) => r.path.includes("/containers/create"))!;
      expect(create.path).toContain(`name=${containerNameFor(job.id)}`);
      const dataDir = process.env.DATA_DIR!;
      expect(create.body).toMatchObject({
        Image: "loraboard-trainer:test",
        Cmd: ["train", `${dataDir}/jobs/${job.id}/attempt-1/spec.json`],
        HostConfig: {
          Binds: [`${dataDir}:${dataDir}`],
          DeviceRequests: [{ Driver: "nvidia", DeviceIDs: ["1"], Capabilities: [["gpu"]] }],
        },
      });
      // A leftover container of the same job is removed before a new one is created, and the
      // finished one is removed too.
      const deletes = docker.requests.filter((r) => r.method === "DELETE").map((r) => r.path);
      expect(deletes[0]).toContain(containerNameFor(job.id));
      expect(deletes.length).toBe(2);
    } finally {
      await harness.close();
    }
  });

  it("fails the job with Docker's message when the engine refuses the container", async () => {
    const harness = await createTrainingContext({ runtime: createDockerRuntime({ image: "", dockerHost: docker.dockerHost }) });
    try {
      const dataset = await createDataset();
      const job = await createTrainingJobRow(dataset.id);
      await runTrainingJob(harness.context, job.id);
      const failed = await getDb().trainingJob.findUniqueOrThrow({ where: { id: job.id } });
      expect(failed.status).toBe("failed");
      expect(failed.error).toMatchObject({ code: "runtime_unavailable" });
      expect((failed.error as { message: string }).message).toMatch(/docker runtime.*answered 400: image required/);
    } finally {
      await harness.close();
    }
  });

  it("stops the container a killed worker left training once its job is cancelled (issue 16 item 12)", async () => {
    const db = getDb();
    const dataset = await createDataset();
    // 48 train rows, batch 8, 40 epochs: 240 steps, minutes of training, longer than this test waits.
    const job = await createTrainingJobRow(dataset.id, { hyperparameters: { epochs: 40, evalSteps: 1000 } });
    await enqueue(QueueName.train, job.id, { trainingJobId: job.id });
    const env = { TRAINER_RUNTIME: "docker", TRAINER_IMAGE: "loraboard-trainer:test", DOCKER_HOST: docker.dockerHost };
    const isTraining = () => docker.running().some((labels) => labels["loraboard.job"] === job.id);

    const first = startWorkerProcess("docker-orphan-1", env);
    workers.push(first);
    await waitFor("a few trained steps", async () => (await db.jobMetric.count({ where: { jobId: job.id } })) >= 2);
    expect(docker.running()).toContainEqual({ "loraboard.job": job.id, "loraboard.attempt": "1", "loraboard.worker": "docker-orphan-1" });
    first.kill();
    await new Promise((resolve) => setTimeout(resolve, 2000));
    expect(isTraining()).toBe(true); // the container outlives its worker

    // What POST /api/jobs/:id/cancel does for a running job; then a worker comes up.
    await requestJobCancel(getRedis(), job.id);
    const second = startWorkerProcess("docker-orphan-2", env);
    workers.push(second);
    await waitFor("the stray container to be stopped", async () => !isTraining(), 90_000).catch((error: Error) => {
      throw new Error(`${error.message}\n${second.output()}`);
    });
    const finished = await waitFor("the job to end", async () => {
      const row = await db.trainingJob.findUnique({ where: { id: job.id } });
      return row && ["succeeded", "failed", "cancelled"].includes(row.status) ? row : null;
    }, 120_000);
    expect(finished.status).toBe("cancelled");
  }, 400_000);
});
