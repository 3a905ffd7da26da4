// The docker runtime against a fake Docker Engine API server that runs the real trainer.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@loraboard/db/server";
import { createDataset } from "../../../../tests/helpers/factories";
import { startFakeDocker } from "../../../../tests/helpers/fake-docker";
import { PYTHON_BIN, createTrainingContext, createTrainingJobRow } from "../../../../tests/helpers/training";
import { createDockerRuntime, createDockerStreamDemuxer, containerNameFor } from "./docker-runtime";
import { GpuPool } from "./gpu-pool";
import { runTrainingJob } from "./run-training-job";

let docker: Awaited<ReturnType<typeof startFakeDocker>>;
beforeAll(async () => {
  docker = await startFakeDocker(PYTHON_BIN);
});
afterAll(async () => {
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
        Cmd: ["train", `${dataDir}/jobs/${job.id}/spec.json`],
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
});
