// Measures the two halves of a job's live metrics path and prints a small table:
//  1. ingestion: how many metric rows per second JobRecorder gets into Postgres (its batched
//     unnest upsert), next to one-row-at-a-time upserts for comparison;
//  2. latency: from a trainer printing a step to an SSE client (the browser's endpoint, called
//     in-process) receiving it, p50/p95/max in ms.
// The trainer is a tiny Python script that prints the trainer's "log" JSON lines every 20 ms: the
// real one would spend minutes loading a model and its step timing would dominate the figures.
// Run:
//   source scripts/test-env.sh && export DATABASE_URL="${DATABASE_URL%/*}/loraboard_bench_test" \
//     REDIS_URL="${REDIS_URL%/*}/6" && npx tsx scripts/bench/job-events.ts
// It creates a dataset and two job rows, and deletes them (with their metrics and streams) after.
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { getDb } from "@loraboard/db/server";
import { createRedis, getRedis, jobEventStreamKey } from "@loraboard/queue/server";
import type { Principal } from "../../apps/web/src/server/auth/authenticate";
import { getJobEventHub } from "../../apps/web/src/features/jobs/server/job-event-hub";
import { openJobEventStream } from "../../apps/web/src/features/jobs/server/job-event-stream";
import { createDataset } from "../../tests/helpers/factories";
import { createTrainingJobRow } from "../../tests/helpers/training";
import { JobRecorder } from "../../workers/gpu/src/training/job-recorder";
import { createLineSplitter } from "../../workers/gpu/src/training/trainer-runtime";

const INGEST_ROWS = 20_000;
const SINGLE_ROWS = 2_000;
const LATENCY_STEPS = 300;
const STEP_INTERVAL_MS = 20;
// The stream is opened as the API_TOKEN would open it (its slot counts against "bootstrap").
const BOOTSTRAP: Principal = { kind: "bootstrap", role: "admin", userId: null, email: null };

// The web env (API_TOKEN, DATA_DIR, ...) is read lazily by openJobEventStream: fail early and clearly.
for (const name of ["DATABASE_URL", "REDIS_URL", "API_TOKEN", "DATA_DIR"]) {
  if (!process.env[name]) throw new Error(`${name} is not set: source scripts/test-env.sh first (see the header)`);
}
if (!/_test(\?|$)/.test(process.env.DATABASE_URL!)) throw new Error("DATABASE_URL must be a *_test database: this script writes and deletes rows");

const PYTHON = ["../../.venv/bin/python"].map((p) => path.resolve(import.meta.dirname, p)).find(existsSync) ?? "python3";

// Prints what the trainer prints for a logged step; `time` is when it printed, on the same clock
// as Node's Date.now() (same machine), so receive time minus it is the end-to-end latency.
const FAKE_TRAINER = `
import json, sys, time
steps, interval = int(sys.argv[1]), float(sys.argv[2])
for i in range(1, steps + 1):
    print(json.dumps({"event": "log", "step": i, "epoch": i / steps, "loss": 1.0 / i, "grad_norm": 0.5,
                      "learning_rate": 2e-4, "eta_seconds": (steps - i) * interval, "time": time.time()}), flush=True)
    time.sleep(interval)
`;

const now = () => performance.timeOrigin + performance.now(); // ms since epoch, sub-ms resolution
const perSecond = (rows: number, ms: number) => Math.round(rows / (ms / 1000));
const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;

async function benchIngestion(db: ReturnType<typeof getDb>, redis: ReturnType<typeof createRedis>, jobId: string) {
  // Through JobRecorder as the worker uses it: every recordMetric also publishes to the Redis
  // Stream; close() writes what is buffered (here mostly one batch) and returns once it is in.
  const recorder = new JobRecorder(db, redis, jobId, 1);
  recorder.start();
  let started = performance.now();
  for (let step = 1; step <= INGEST_ROWS; step++) {
    recorder.recordMetric({ step, epoch: step / INGEST_ROWS, loss: 1 / step, gradNorm: 0.5, learningRate: 2e-4 });
  }
  const recordMs = performance.now() - started; // the buffering alone; the rest is the write
  await recorder.close();
  const batchedMs = performance.now() - started;
  await redis.ping(); // commands run in order: the 20,000 publishes are done before the next part
  const stored = await db.jobMetric.count({ where: { jobId } });
  if (stored !== INGEST_ROWS) throw new Error(`expected ${INGEST_ROWS} metric rows, found ${stored}`);

  // The naive alternative: one awaited upsert per step (steps above the batched ones, same job).
  started = performance.now();
  for (let i = 1; i <= SINGLE_ROWS; i++) {
    const step = INGEST_ROWS + i;
    await db.$executeRaw`
      INSERT INTO job_metrics ("jobId", step, epoch, loss, "gradNorm", "learningRate")
      VALUES (${jobId}, ${step}, ${step / INGEST_ROWS}, ${1 / step}, ${0.5}, ${2e-4})
      ON CONFLICT ("jobId", step) DO UPDATE SET epoch = EXCLUDED.epoch, loss = EXCLUDED.loss,
        "gradNorm" = EXCLUDED."gradNorm", "learningRate" = EXCLUDED."learningRate"`;
  }
  const singleMs = performance.now() - started;
  return { recordMs, batchedMs, singleMs };
}

async function benchLatency(db: ReturnType<typeof getDb>, redis: ReturnType<typeof createRedis>, jobId: string) {
  const printedAt = new Map<number, number>(); // step -> ms when Python printed it
  const latencies: number[] = [];

  // The SSE client first: its first message (the job snapshot) fixes its cursor, so every step
  // published after it is delivered live.
  const abort = new AbortController();
  const response = await openJobEventStream(jobId, new Request(`http://localhost/api/jobs/${jobId}/events`, { signal: abort.signal }), BOOTSTRAP);
  const reader = response.body!.getReader();
  let snapshotSeen!: () => void;
  const snapshot = new Promise<void>((resolve) => (snapshotSeen = resolve));
  let allReceived!: () => void;
  const received = new Promise<void>((resolve) => (allReceived = resolve));
  const sse = createLineSplitter((line) => {
    if (!line.startsWith("data: ")) return;
    const receivedAt = now();
    const event = JSON.parse(line.slice(6));
    if (event.type === "status") snapshotSeen();
    if (event.type !== "metric") return;
    const sentAt = printedAt.get(event.metric.step);
    if (sentAt !== undefined) latencies.push(receivedAt - sentAt);
    if (event.metric.step === LATENCY_STEPS) allReceived();
  });
  const pump = (async () => {
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) sse.push(chunk.value);
  })().catch(() => undefined); // the abort at the end errors the read
  await snapshot;

  // The trainer side, as run-training-job.ts handles a 'log' line: parse, recordMetric.
  const recorder = new JobRecorder(db, redis, jobId, 1);
  recorder.start();
  const child = spawn(PYTHON, ["-u", "-c", FAKE_TRAINER, String(LATENCY_STEPS), String(STEP_INTERVAL_MS / 1000)], { stdio: ["ignore", "pipe", "inherit"] });
  const stdout = createLineSplitter((line) => {
    const event = JSON.parse(line);
    if (event.event !== "log") return;
    printedAt.set(event.step, event.time * 1000);
    recorder.recordMetric({ step: event.step, epoch: event.epoch, loss: event.loss, gradNorm: event.grad_norm, learningRate: event.learning_rate });
    recorder.recordProgress({ currentStep: event.step, totalSteps: LATENCY_STEPS, etaSeconds: event.eta_seconds });
  });
  child.stdout.on("data", (chunk: Buffer) => stdout.push(chunk));
  const exited = new Promise<number | null>((resolve) => child.on("close", resolve));

  try {
    const timeout = new Promise<never>((_, reject) => setTimeout(() => reject(new Error("timed out waiting for the last step on the SSE stream")), 60_000).unref());
    await Promise.race([received, timeout]);
    const code = await exited;
    if (code !== 0) throw new Error(`fake trainer exited with ${code}`);
    return latencies.sort((a, b) => a - b);
  } finally {
    // Also on failure: a live child, recorder timer or SSE connection would keep the process up.
    child.kill();
    await recorder.close();
    abort.abort();
    await pump;
  }
}

async function main() {
  const db = getDb();
  const redis = createRedis(process.env.REDIS_URL!, { forWorker: true });
  const dataset = await createDataset({ name: "bench job-events" });
  const jobs = [await createTrainingJobRow(dataset.id), await createTrainingJobRow(dataset.id)];
  try {
    const { recordMs, batchedMs, singleMs } = await benchIngestion(db, redis, jobs[0]!.id);
    const latencies = await benchLatency(db, redis, jobs[1]!.id);

    const batchedRate = perSecond(INGEST_ROWS, batchedMs);
    const singleRate = perSecond(SINGLE_ROWS, singleMs);
    const n = (value: number) => value.toLocaleString("en-US");
    console.log("\nmetric ingestion into Postgres");
    console.table([
      { path: "JobRecorder (buffer + batched unnest upsert)", rows: INGEST_ROWS, ms: Math.round(batchedMs), "rows/s": n(batchedRate) },
      { path: "one upsert per row", rows: SINGLE_ROWS, ms: Math.round(singleMs), "rows/s": n(singleRate) },
    ]);
    console.log(`batched / one-at-a-time: ${(batchedRate / singleRate).toFixed(1)}x`);
    console.log(`(JobRecorder: ${Math.round(recordMs)} ms in recordMetric calls, ${Math.round(batchedMs - recordMs)} ms in close())`);
    console.log(`\ntrainer print -> SSE client receive (${latencies.length} of ${LATENCY_STEPS} steps, one every ${STEP_INTERVAL_MS} ms)`);
    console.table([
      { p50_ms: +percentile(latencies, 50).toFixed(2), p95_ms: +percentile(latencies, 95).toFixed(2), max_ms: +latencies[latencies.length - 1]!.toFixed(2) },
    ]);
  } finally {
    // Metrics, log lines and anything else hanging off the jobs first, then the rows themselves.
    const jobIds = jobs.map((job) => job.id);
    await db.jobMetric.deleteMany({ where: { jobId: { in: jobIds } } });
    await db.jobLogLine.deleteMany({ where: { jobId: { in: jobIds } } });
    await db.trainingJob.deleteMany({ where: { id: { in: jobIds } } });
    await db.dataset.delete({ where: { id: dataset.id } });
    await redis.del(...jobIds.map(jobEventStreamKey));
    redis.disconnect();
    // The web side's shared connections: the live-event reader and the command connection.
    await getJobEventHub().close();
    getRedis().disconnect();
    await db.$disconnect();
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
