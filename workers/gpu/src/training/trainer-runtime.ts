// How the worker runs the trainer: a local process (the embedded default) or a container. Both
// give the trainer's stdout (JSON-lines events) and stderr (the job's log) line by line.
export interface TrainerLaunch {
  jobId: string;
  /** The job's attempt number (TrainingJob.attempts) this trainer runs for. */
  attempt: number;
  specPath: string;
  /** GPU index to give the trainer, or null for the CPU. */
  gpuId: string | null;
  /** DATA_DIR: specs, splits, checkpoints and adapters all live under it. */
  dataDir: string;
}

export interface RunningTrainer {
  onStdoutLine(listener: (line: string) => void): void;
  onStderrLine(listener: (line: string) => void): void;
  /** Resolves with the exit code (or 128 + signal number) once the trainer and its output end. */
  exited: Promise<{ code: number; signal: string | null }>;
  /** Asks the trainer to stop (SIGTERM: it checkpoints and exits 143). */
  stop(): Promise<void>;
  /** Kills it outright. */
  kill(): Promise<void>;
}

/** A trainer found running, by what it was started for. */
export interface LabelledTrainer {
  jobId: string;
  attempt: number;
  workerId: string;
}

export interface TrainerRuntime {
  readonly name: "process" | "docker";
  start(launch: TrainerLaunch): Promise<RunningTrainer>;
  /**
   * Stops every trainer of this runtime that `isWanted` says nobody wants (a container outlives the
   * worker that started it); returns those stopped. Absent where trainers die with their worker.
   */
  stopStrays?(isWanted: (trainer: LabelledTrainer) => Promise<boolean>): Promise<LabelledTrainer[]>;
}

/** Splits a byte stream into lines (UTF-8 safe), calling `onLine` for each complete one. */
export function createLineSplitter(onLine: (line: string) => void) {
  const decoder = new TextDecoder();
  let pending = "";
  return {
    push(chunk: Uint8Array) {
      pending += decoder.decode(chunk, { stream: true });
      let newline = pending.indexOf("\n");
      while (newline >= 0) {
        onLine(pending.slice(0, newline).replace(/\r$/, ""));
        pending = pending.slice(newline + 1);
        newline = pending.indexOf("\n");
      }
    },
    end() {
      pending += decoder.decode();
      if (pending) onLine(pending);
      pending = "";
    },
  };
}
