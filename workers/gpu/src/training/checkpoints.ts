// Finds the newest complete checkpoint in a job's output directory, to resume from after a crash.
import { existsSync, readdirSync } from "node:fs";
import { rm } from "node:fs/promises";
import path from "node:path";

const CHECKPOINT_DIR = /^checkpoint-(\d+)$/;

/**
 * The newest checkpoint at or before `maxStep`. A worker killed right after a checkpoint may not
 * have written the last second of metrics; resuming from a later checkpoint would skip those
 * steps for good, so the caller passes the last step whose metrics (and all before it) are stored.
 */
export function findLatestCheckpoint(outputDir: string, maxStep = Number.POSITIVE_INFINITY): string | null {
  if (!existsSync(outputDir)) return null;
  const complete = readdirSync(outputDir)
    .map((name) => ({ name, step: Number(CHECKPOINT_DIR.exec(name)?.[1] ?? NaN) }))
    .filter(({ name, step }) => Number.isFinite(step) && step <= maxStep && existsSync(path.join(outputDir, name, "trainer_state.json")))
    .sort((a, b) => b.step - a.step);
  return complete[0] ? path.join(outputDir, complete[0].name) : null;
}

/**
 * Once a job succeeded its checkpoints serve no resume: only the newest is kept (for a person who
 * wants to continue training from it), the others are removed to free the disk.
 */
export async function keepLastCheckpoint(outputDir: string): Promise<void> {
  const newest = findLatestCheckpoint(outputDir);
  if (!newest) return;
  for (const name of readdirSync(outputDir)) {
    if (CHECKPOINT_DIR.test(name) && path.join(outputDir, name) !== newest) {
      await rm(path.join(outputDir, name), { recursive: true, force: true });
    }
  }
}
