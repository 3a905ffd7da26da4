// Shapes shared by the dataset parsing, validation, split and statistics steps.
import type { DatasetStats, DatasetWarning } from "@loraboard/contracts";
import type { Label } from "../label-set";

export type { Label };

export type DatasetFormat = "json" | "jsonl" | "csv";
export type SplitName = "train" | "val" | "test";

/** One problem in an uploaded file; `row` is 1-based (record in a JSON array, line in JSONL/CSV). */
export interface DatasetIssue {
  row?: number;
  field?: string;
  message: string;
}

/** A record as read from the file, before validation. */
export interface ParsedRecord {
  row: number;
  value: unknown;
}

export interface ValidRow {
  row: number;
  sentence: string;
  label: Label;
}

export type { DatasetStats, DatasetWarning };
