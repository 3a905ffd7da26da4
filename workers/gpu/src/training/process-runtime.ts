// Runs the trainer as a local Python process in its own process group, so cancel reaches the
// whole group. Its stdin stays open as a lifeline: if this worker dies (even by SIGKILL), the pipe
// closes and the trainer stops at the next step boundary with a checkpoint.
import { spawn } from "node:child_process";
import { once } from "node:events";
import { constants, setPriority } from "node:os";
import { createLineSplitter, type RunningTrainer, type TrainerLaunch, type TrainerRuntime } from "./trainer-runtime";

/** Niceness of a CPU-mode trainer (0 is normal, 19 the lowest priority). */
export const CPU_TRAINER_NICENESS = 10;

export function createProcessRuntime(pythonBin: string): TrainerRuntime {
  return {
    name: "process",
    async start(launch: TrainerLaunch): Promise<RunningTrainer> {
      const child = spawn(pythonBin, ["-m", "lora_trainer", "train", launch.specPath], {
        detached: true,
        stdio: ["pipe", "pipe", "pipe"],
        env: {
          ...process.env,
          CUDA_VISIBLE_DEVICES: launch.gpuId ?? "",
          PYTHONUNBUFFERED: "1",
          LORA_TRAINER_STOP_ON_STDIN_EOF: "1",
        },
      });
      if (launch.gpuId === null && child.pid !== undefined) {
        // On the CPU the trainer shares the cores with the dashboard, Postgres and Redis: at a lower
        // priority it still gets every idle cycle, but pages stay responsive while a job trains.
        // Set before Python starts its threads, which inherit it.
        try {
          setPriority(child.pid, CPU_TRAINER_NICENESS);
        } catch {
          /* not permitted here: it runs at normal priority */
        }
      }
      const stdoutListeners: ((line: string) => void)[] = [];
      const stderrListeners: ((line: string) => void)[] = [];
      const stdout = createLineSplitter((line) => stdoutListeners.forEach((listener) => listener(line)));
      const stderr = createLineSplitter((line) => stderrListeners.forEach((listener) => listener(line)));
      child.stdout.on("data", (chunk: Buffer) => stdout.push(chunk));
      child.stderr.on("data", (chunk: Buffer) => stderr.push(chunk));
      child.stdin.on("error", () => undefined); // EPIPE once the trainer has exited

      // Not the 'close' event: it waits for stdin too, which stays open on purpose (the lifeline).
      const outputClosed = Promise.all([once(child.stdout, "close"), once(child.stderr, "close")]);
      const exited = new Promise<{ code: number; signal: string | null }>((resolve, reject) => {
        child.once("error", reject);
        child.once("exit", (code, signal) => {
          void outputClosed.then(() => {
            stdout.end();
            stderr.end();
            child.stdin.destroy();
            const signalNumber = signal ? (constants.signals[signal] ?? 0) : 0;
            resolve({ code: code ?? 128 + signalNumber, signal });
          });
        });
      });

      const signalGroup = (signal: NodeJS.Signals) => {
        try {
          process.kill(-child.pid!, signal);
        } catch {
          /* already gone */
        }
      };
      return {
        onStdoutLine: (listener) => stdoutListeners.push(listener),
        onStderrLine: (listener) => stderrListeners.push(listener),
        exited,
        stop: async () => signalGroup("SIGTERM"),
        kill: async () => signalGroup("SIGKILL"),
      };
    },
  };
}
