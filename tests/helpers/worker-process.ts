// The GPU worker as a real process (npx tsx workers/gpu/src/main.ts), for fault tests that kill it
// or pull a service from under it. Each runs in its own process group, so that SIGKILL reaches npx,
// tsx and node alike, as when a machine or container dies; the trainer runs in a group of its own
// and learns of its worker's death through its stdin.
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { PYTHON_BIN } from "./training";

const ROOT = path.resolve(import.meta.dirname, "../..");

export interface WorkerProcess {
  child: ChildProcess;
  /** Everything it printed so far (stdout and stderr), for assertions and failure messages. */
  output: () => string;
  kill: () => void;
}

export function startWorkerProcess(name: string, env: Record<string, string> = {}): WorkerProcess {
  const child = spawn("npx", ["tsx", "workers/gpu/src/main.ts"], {
    cwd: ROOT,
    // No inference server in these tests: the evaluation after training gives up after 15 s.
    env: { ...process.env, PYTHON_BIN, WORKER_ID: name, GPU_IDS: "", TRAINER_RUNTIME: "process", INFERENCE_RETRY_SECONDS: "15", ...env },
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  const chunks: string[] = [];
  child.stdout!.on("data", (chunk: Buffer) => chunks.push(chunk.toString("utf8")));
  child.stderr!.on("data", (chunk: Buffer) => chunks.push(chunk.toString("utf8")));
  return {
    child,
    output: () => chunks.join(""),
    kill() {
      try {
        process.kill(-child.pid!, "SIGKILL");
      } catch {
        /* already gone */
      }
    },
  };
}

export async function waitFor<T>(what: string, probe: () => Promise<T | undefined | null | false>, timeoutMs = 180_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe().catch(() => undefined);
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
