// The `merge` queue's work: fold an adapter into its base with the trainer's Python
// (`python -m lora_trainer merge`), into DATA_DIR/merged/<adapter>/. The trainer writes a hidden
// sibling folder and renames it into place when complete, so a crash leaves nothing that looks
// ready. It runs on the CPU at a low priority: the GPUs stay with training, and a merge is one pass.
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { setPriority } from "node:os";
import path from "node:path";
import type { Db } from "@loraboard/db/server";
import { mergedModelDir } from "@loraboard/queue";

export interface MergeContext {
  db: Db;
  dataDir: string;
  pythonBin: string;
}

const STDERR_TAIL_LINES = 20;

export async function mergeAdapterModel(context: MergeContext, adapterId: string): Promise<{ path: string }> {
  const adapter = await context.db.adapter.findUnique({ where: { id: adapterId }, include: { baseModel: true } });
  if (!adapter) throw new Error(`adapter ${adapterId} no longer exists`);
  const dataDir = path.resolve(context.dataDir);
  const out = mergedModelDir(dataDir, adapter.name);
  if (existsSync(path.join(out, "config.json"))) return { path: out }; // already merged (a repeat)
  const args = ["-m", "lora_trainer", "merge", "--base", path.resolve(dataDir, adapter.baseModel.path),
    "--adapter", path.resolve(dataDir, adapter.path), "--out", out];
  const stderr: string[] = [];
  const code = await new Promise<number>((resolve, reject) => {
    const child = spawn(context.pythonBin, args, {
      stdio: ["ignore", "ignore", "pipe"],
      env: { ...process.env, CUDA_VISIBLE_DEVICES: "", PYTHONUNBUFFERED: "1", HF_HUB_OFFLINE: "1" },
    });
    try {
      if (child.pid !== undefined) setPriority(child.pid, 10);
    } catch {
      /* not permitted here: it runs at normal priority */
    }
    let pending = "";
    child.stderr.on("data", (chunk: Buffer) => {
      const lines = (pending + chunk.toString("utf8")).split("\n");
      pending = lines.pop() ?? "";
      stderr.push(...lines.filter((line) => line.trim()));
      stderr.splice(0, Math.max(0, stderr.length - STDERR_TAIL_LINES));
    });
    child.once("error", reject);
    child.once("close", (exitCode, signal) => {
      if (pending.trim()) stderr.push(pending);
      resolve(exitCode ?? (signal ? 128 : 1));
    });
  });
  if (code !== 0) {
    // The trainer's own one-line reason when it gave one, else the end of what it printed.
    const reason = stderr.findLast((line) => line.startsWith("merge failed")) ?? stderr.slice(-3).join(" | ");
    throw new Error(`${reason || `the merge exited with code ${code}`}`);
  }
  return { path: out };
}
