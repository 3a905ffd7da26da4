// Finds the newest complete checkpoint in a job's output directory, to resume from after a crash.
import { existsSync, readdirSync } from "node:fs";
import path from "node:path";

const CHECKPOINT_DIR = /^checkpoint-(\d+)$/;

export function findLatestCheckpoint(outputDir: string): string | null {
  if (!existsSync(outputDir)) return null;
  const complete = readdirSync(outputDir)
    .map((name) => ({ name, step: Number(CHECKPOINT_DIR.exec(name)?.[1] ?? NaN) }))
    .filter(({ name, step }) => Number.isFinite(step) && existsSync(path.join(outputDir, name, "trainer_state.json")))
    .sort((a, b) => b.step - a.step);
  return complete[0] ? path.join(outputDir, complete[0].name) : null;
}
