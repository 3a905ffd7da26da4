// A job's folders and checkpoints. Every attempt writes into a folder of its own
// (`jobs/<id>/attempt-<n>/`: splits, spec, `out/checkpoint-*`), so that an attempt still running on
// a worker that lost the job never writes where the next attempt reads; the next attempt resumes
// from the newest complete checkpoint of any earlier attempt.
import { existsSync, readdirSync } from "node:fs";
import { rm } from "node:fs/promises";
import path from "node:path";

const CHECKPOINT_DIR = /^checkpoint-(\d+)$/;
const ATTEMPT_DIR = /^attempt-\d+$/;

export function attemptDirectory(jobDir: string, attempt: number) {
  return path.join(jobDir, `attempt-${attempt}`);
}

/** Every output folder of the job: each attempt's `out`, and `out` of jobs started before attempts had folders. */
function outputDirectories(jobDir: string): string[] {
  if (!existsSync(jobDir)) return [];
  const attempts = readdirSync(jobDir).filter((name) => ATTEMPT_DIR.test(name)).map((name) => path.join(jobDir, name, "out"));
  return [path.join(jobDir, "out"), ...attempts].filter((dir) => existsSync(dir));
}

function checkpointsOf(jobDir: string) {
  return outputDirectories(jobDir).flatMap((outputDir) =>
    readdirSync(outputDir)
      .map((name) => ({ path: path.join(outputDir, name), step: Number(CHECKPOINT_DIR.exec(name)?.[1] ?? NaN) }))
      .filter(({ step }) => Number.isFinite(step)),
  );
}

/**
 * The newest complete checkpoint of any attempt at or before `maxStep`. A worker killed right after
 * a checkpoint may not have written the last second of metrics; resuming from a later checkpoint
 * would skip those steps for good, so the caller passes the last step whose metrics (and all before
 * it) are stored.
 */
export function findLatestCheckpoint(jobDir: string, maxStep = Number.POSITIVE_INFINITY): string | null {
  const complete = checkpointsOf(jobDir)
    .filter(({ path: dir, step }) => step <= maxStep && existsSync(path.join(dir, "trainer_state.json")))
    .sort((a, b) => b.step - a.step);
  return complete[0]?.path ?? null;
}

/**
 * Once a job succeeded its checkpoints serve no resume: only the newest is kept (for a person who
 * wants to continue training from it), the others are removed to free the disk.
 */
export async function keepLastCheckpoint(jobDir: string): Promise<void> {
  const newest = findLatestCheckpoint(jobDir);
  if (!newest) return;
  for (const checkpoint of checkpointsOf(jobDir)) {
    if (checkpoint.path !== newest) await rm(checkpoint.path, { recursive: true, force: true });
  }
}
