// Taking an adapter away, with real components: an adapter trained by the real trainer downloads as
// a zip of its peft folder; a merge asked through the API runs on the real worker process and its
// merged model downloads as a zip of config, bf16 safetensors and tokenizer.
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AdapterExport } from "@loraboard/contracts";
import { getDb } from "@loraboard/db/server";
import { QueueName } from "@loraboard/queue";
import { getQueue } from "@loraboard/queue/server";
import { GET as downloadRoute } from "@/app/api/adapters/[id]/download/route";
import { GET as getMergedRoute, POST as postMergedRoute } from "@/app/api/adapters/[id]/merged/route";
import { GET as downloadMergedRoute } from "@/app/api/adapters/[id]/merged/download/route";
import { apiRequest, routeParams } from "../../../../../tests/helpers/api";
import { createDataset } from "../../../../../tests/helpers/factories";
import { createTrainingContext, createTrainingJobRow } from "../../../../../tests/helpers/training";
import { startWorkerProcess, waitFor, type WorkerProcess } from "../../../../../tests/helpers/worker-process";
import { runTrainingJob } from "../../../../../workers/gpu/src/training/run-training-job";

let harness: Awaited<ReturnType<typeof createTrainingContext>>;
let worker: WorkerProcess | undefined;

beforeAll(async () => {
  harness = await createTrainingContext();
});

afterAll(async () => {
  worker?.kill();
  await harness?.close();
});

async function trainAdapter() {
  const dataset = await createDataset();
  const job = await createTrainingJobRow(dataset.id);
  await runTrainingJob(harness.context, job.id);
  return getDb().adapter.findUniqueOrThrow({ where: { jobId: job.id } });
}

/** The names in a zip response, read back by Python's zipfile after checking every CRC. */
async function zipNames(response: Response): Promise<string[]> {
  const file = path.join(mkdtempSync(path.join(tmpdir(), "export-test-")), "download.zip");
  writeFileSync(file, Buffer.from(await response.arrayBuffer()));
  const script = "import sys, zipfile, json\nz = zipfile.ZipFile(sys.argv[1])\nassert z.testzip() is None\nprint(json.dumps(z.namelist()))";
  return JSON.parse(execFileSync("python3", ["-c", script, file], { encoding: "utf8" })) as string[];
}

type IdRoute = (request: Request, context: { params: Promise<{ id: string }> }) => Promise<Response>;
const call = (route: IdRoute, url: string, id: string, method = "GET") => route(apiRequest(url, { method }), routeParams({ id }));

describe("adapter downloads and the merged model", () => {
  it("downloads the adapter folder as a zip, and says clearly when its files are gone", async () => {
    const adapter = await trainAdapter();
    const response = await call(downloadRoute, `/api/adapters/${adapter.id}/download`, adapter.id);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/zip");
    expect(response.headers.get("content-disposition")).toContain(`${adapter.name}.zip`);
    const names = await zipNames(response);
    expect(names).toContain(`${adapter.name}/adapter_config.json`);
    expect(names).toContain(`${adapter.name}/adapter_model.safetensors`);

    const info = AdapterExport.parse(await (await call(getMergedRoute, `/api/adapters/${adapter.id}/merged`, adapter.id)).json());
    expect(info.merged).toMatchObject({ status: "none", downloadUrl: null, vllmCommand: null });
    expect(info.adapter.vllmCommand).toContain(`--enable-lora --max-lora-rank 8 --lora-modules ${adapter.name}=./${adapter.name}`);

    rmSync(adapter.path, { recursive: true });
    const gone = await call(downloadRoute, `/api/adapters/${adapter.id}/download`, adapter.id);
    expect(gone.status).toBe(404);
    expect((await gone.json()).error.message).toContain("not on disk");
    expect((await call(downloadRoute, "/api/adapters/nope/download", "nope")).status).toBe(404);
    expect((await call(downloadMergedRoute, `/api/adapters/${adapter.id}/merged/download`, adapter.id)).status).toBe(404);
  }, 240_000);

  it("merges through the real worker, once, and the merged model downloads", async () => {
    await getQueue(QueueName.merge).obliterate({ force: true });
    const adapter = await trainAdapter();
    const url = `/api/adapters/${adapter.id}/merged`;
    const started = await call(postMergedRoute, url, adapter.id, "POST");
    expect(started.status).toBe(202);
    expect(AdapterExport.parse(await started.json()).merged.status).toBe("queued");
    // Asked twice: still one job.
    await call(postMergedRoute, url, adapter.id, "POST");
    expect(await getQueue(QueueName.merge).getJobCounts("waiting")).toMatchObject({ waiting: 1 });

    worker = startWorkerProcess("merge-test");
    const ready = await waitFor("the merge to finish", async () => {
      const info = AdapterExport.parse(await (await call(getMergedRoute, url, adapter.id)).json());
      return info.merged.status === "ready" || info.merged.status === "failed" ? info : null;
    }, 180_000).catch((error: Error) => {
      throw new Error(`${error.message}\n${worker?.output().slice(-3000)}`);
    });
    expect(ready.merged.error, worker.output().slice(-3000)).toBeNull();
    expect(ready.merged.vllmCommand).toBe(`vllm serve ./${adapter.name}-merged --served-model-name ${adapter.name}`);
    expect(ready.merged.bytes).toBeGreaterThan(1_000_000);

    const response = await call(downloadMergedRoute, `${url}/download`, adapter.id);
    expect(response.status).toBe(200);
    const names = await zipNames(response);
    const folder = `${adapter.name}-merged`;
    expect(names).toEqual(expect.arrayContaining([`${folder}/config.json`, `${folder}/model.safetensors`, `${folder}/tokenizer_config.json`]));
    expect(names.some((name) => name.includes("adapter_"))).toBe(false);

    const again = await call(postMergedRoute, url, adapter.id, "POST");
    expect(AdapterExport.parse(await again.json()).merged.status).toBe("ready");
  }, 300_000);
});
