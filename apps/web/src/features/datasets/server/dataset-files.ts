// Where a dataset's original upload lives: DATA_DIR/datasets/<id>/, with names the server picks.
import { randomBytes } from "node:crypto";
import path from "node:path";

export function newDatasetId(): string {
  // cuid-shaped (time-ordered, lowercase alphanumeric) so ids look alike across tables.
  const random = BigInt(`0x${randomBytes(10).toString("hex")}`).toString(36).padStart(16, "0").slice(-16);
  return `c${Date.now().toString(36)}${random}`;
}

/** Relative to DATA_DIR, as stored in Dataset.originalPath. */
export function datasetDirectory(id: string): string {
  if (!/^[a-z0-9]+$/.test(id)) throw new Error(`unsafe dataset id ${JSON.stringify(id)}`);
  return path.posix.join("datasets", id);
}

export function originalFileName(kind: "original" | "test", format: string): string {
  return `${kind}.${["json", "jsonl", "csv"].includes(format) ? format : "txt"}`;
}
