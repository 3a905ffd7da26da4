// A job's files under DATA_DIR: `jobs/<id>/` (the exported splits, the spec, the checkpoints; the
// worker writes them, see workers/gpu/src/training) and its adapter's directory. They go with the
// job, and the splits (copies of the dataset's text) go with the dataset.
import type { Dirent } from "node:fs";
import { lstat, readdir, rm } from "node:fs/promises";
import path from "node:path";
import { mergedModelDir } from "@loraboard/queue";

export function jobDirectory(dataDir: string, jobId: string) {
  return path.join(dataDir, "jobs", jobId);
}

/** `target` only when it lies inside DATA_DIR: a path from a row never removes anything else. */
function insideDataDir(dataDir: string, target: string | null | undefined): string | null {
  if (!target) return null;
  const resolved = path.resolve(dataDir, target);
  const relative = path.relative(path.resolve(dataDir), resolved);
  return relative && !relative.startsWith("..") && !path.isAbsolute(relative) ? resolved : null;
}

/** Bytes of every file under `target` (0 when it does not exist); links are not followed. */
export async function diskUsage(target: string): Promise<number> {
  let entries: Dirent[];
  try {
    entries = await readdir(target, { withFileTypes: true });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOTDIR") return (await lstat(target)).size;
    if (code === "ENOENT") return 0;
    throw error;
  }
  let total = 0;
  for (const entry of entries) {
    const child = path.join(target, entry.name);
    total += entry.isDirectory() ? await diskUsage(child) : entry.isFile() ? (await lstat(child).catch(() => ({ size: 0 }))).size : 0;
  }
  return total;
}

/** What a job occupies on disk: its job directory and its adapter. */
export async function jobDiskUsage(dataDir: string, job: { id: string; adapterPath?: string | null }): Promise<number> {
  const adapterDir = insideDataDir(dataDir, job.adapterPath);
  return (await diskUsage(jobDirectory(dataDir, job.id))) + (adapterDir ? await diskUsage(adapterDir) : 0);
}

/** Removes the job's directory and, when given, its adapter's and the adapter's merged model. */
export async function removeJobFiles(dataDir: string, job: { id: string; adapterPath?: string | null; adapterName?: string | null }) {
  await rm(jobDirectory(dataDir, job.id), { recursive: true, force: true });
  const adapterDir = insideDataDir(dataDir, job.adapterPath);
  if (adapterDir) await rm(adapterDir, { recursive: true, force: true });
  if (job.adapterName) {
    const mergedDir = insideDataDir(dataDir, mergedModelDir(dataDir, job.adapterName));
    // The finished merge and one the worker may have left half-written beside it.
    if (mergedDir) {
      await rm(mergedDir, { recursive: true, force: true });
      await rm(path.join(path.dirname(mergedDir), `.${path.basename(mergedDir)}.tmp`), { recursive: true, force: true });
    }
  }
}
