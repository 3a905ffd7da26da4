// Ways to make the real trainer fail the way it fails in production: a memory cgroup whose limit
// the kernel's out-of-memory killer enforces (SIGKILL, as on a host or in a container with a
// memory limit), and a wrapper around its Python that records the process id so that a test can
// send it a signal (a crash in native code is a SIGSEGV).
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmdirSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { PYTHON_BIN } from "./training";

export interface MemoryCgroup {
  /** Writing a pid here moves that process (and its future children) into the cgroup. */
  procsFile: string;
  /** How many processes the kernel's OOM killer has killed in it. */
  oomKills: () => number;
  destroy: () => void;
}

/**
 * A memory cgroup limited to `limitBytes` (cgroup v1's memory controller, or v2's), or null where
 * none can be made (not root, or no memory controller): the caller then says what it does instead.
 */
export function createMemoryCgroup(name: string, limitBytes: number): MemoryCgroup | null {
  const v1Root = "/sys/fs/cgroup/memory";
  const v2Root = "/sys/fs/cgroup";
  try {
    if (existsSync(path.join(v1Root, "memory.limit_in_bytes"))) {
      const dir = path.join(v1Root, name);
      mkdirSync(dir, { recursive: true });
      writeFileSync(path.join(dir, "memory.limit_in_bytes"), String(limitBytes));
      writeFileSync(path.join(dir, "memory.swappiness"), "0");
      return {
        procsFile: path.join(dir, "cgroup.procs"),
        oomKills: () => Number(/oom_kill (\d+)/.exec(readFileSync(path.join(dir, "memory.oom_control"), "utf8"))?.[1] ?? 0),
        destroy: () => rmdirSync(dir),
      };
    }
    if (readFileSync(path.join(v2Root, "cgroup.controllers"), "utf8").includes("memory")) {
      const subtree = path.join(v2Root, "cgroup.subtree_control");
      if (!readFileSync(subtree, "utf8").includes("memory")) writeFileSync(subtree, "+memory");
      const dir = path.join(v2Root, name);
      mkdirSync(dir, { recursive: true });
      writeFileSync(path.join(dir, "memory.max"), String(limitBytes));
      if (existsSync(path.join(dir, "memory.swap.max"))) writeFileSync(path.join(dir, "memory.swap.max"), "0");
      return {
        procsFile: path.join(dir, "cgroup.procs"),
        oomKills: () => Number(/oom_kill (\d+)/.exec(readFileSync(path.join(dir, "memory.events"), "utf8"))?.[1] ?? 0),
        destroy: () => rmdirSync(dir),
      };
    }
  } catch {
    // not root, or a read-only cgroup file system
  }
  return null;
}

/** A PYTHON_BIN for createProcessRuntime: the real interpreter, its pid recorded, optionally in a cgroup. */
export function createTrainerWrapper(options: { cgroup?: MemoryCgroup | null } = {}) {
  const dir = mkdtempSync(path.join(os.tmpdir(), "loraboard-trainer-wrapper-"));
  const pidFile = path.join(dir, "trainer.pid");
  const script = path.join(dir, "python");
  writeFileSync(
    script,
    [
      "#!/bin/sh",
      `echo $$ > '${pidFile}'`,
      ...(options.cgroup ? [`echo $$ > '${options.cgroup.procsFile}'`] : []),
      `exec '${PYTHON_BIN}' "$@"`,
      "",
    ].join("\n"),
  );
  chmodSync(script, 0o755);
  return {
    pythonBin: script,
    /** The trainer's pid once it started (the wrapper execs Python, so the pid is the trainer's). */
    pid: () => (existsSync(pidFile) ? Number(readFileSync(pidFile, "utf8").trim()) : null),
  };
}
