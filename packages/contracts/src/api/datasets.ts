// Datasets API (docs/api.md, "Datasets"): upload fields, responses and queries.
import { z } from "zod";
import { sanitizeName } from "./names";
import { Creator, listResponse } from "./common";

export const DatasetSplitName = z.enum(["train", "val", "test"]);
export type DatasetSplitName = z.infer<typeof DatasetSplitName>;

export const DatasetFormatName = z.enum(["json", "jsonl", "csv"]);

/** A class as uploaded: an integer, or a non-empty text of at most 64 characters. */
export const LabelValue = z.union([z.number().int(), z.string().min(1).max(64)]).meta({
  description: 'A class as uploaded: an integer (0, 1, 7) or a non-empty text of at most 64 characters ("体育"). Text in an integer\'s form ("3") is that integer.',
});
export type LabelValue = z.infer<typeof LabelValue>;

/** Rows per class, keyed by the label as text: {"0": n, "1": n} or {"体育": n, "财经": n, ...}. */
export const LabelCounts = z.record(z.string(), z.number().int().nonnegative()).meta({
  description: 'Rows per class, keyed by the label as text: {"0": n, "1": n} for a 0/1 file, {"体育": n, "财经": n, ...} for text labels.',
});
export type LabelCounts = z.infer<typeof LabelCounts>;

export const SplitCounts = z.object({
  train: z.number().int().nonnegative(),
  val: z.number().int().nonnegative(),
  test: z.number().int().nonnegative(),
});
export type SplitCounts = z.infer<typeof SplitCounts>;

/** A problem that does not block the upload (extra fields, duplicates, very long sentences…). */
export const DatasetWarning = z.object({
  code: z.string(),
  message: z.string(),
  count: z.number().int().nonnegative().optional(),
  /** 1-based rows of the first occurrences, as in error issues. */
  rows: z.array(z.number().int()).optional(),
});
export type DatasetWarning = z.infer<typeof DatasetWarning>;

const fraction = (name: string) =>
  z.coerce
    .number({ error: `${name} must be a number between 0 and 0.9` })
    .min(0, `${name} must be at least 0`)
    .max(0.9, `${name} must be at most 0.9`);

/** The text fields of the multipart upload (`file` and `testFile` are read separately). */
export const CreateDatasetFields = z
  .object({
    // Empty means "named after the file".
    name: z.string().transform(sanitizeName).pipe(z.string().max(200, "name must be at most 200 characters")).optional(),
    valFraction: fraction("valFraction").default(0.1),
    testFraction: fraction("testFraction").optional(),
    seed: z.coerce
      .number({ error: "seed must be a whole number" })
      .int("seed must be a whole number")
      .min(0, "seed must be at least 0")
      .max(2 ** 31 - 1, "seed must be below 2^31")
      .default(42),
  })
  .refine((fields) => fields.valFraction + (fields.testFraction ?? 0) < 1, {
    message: "valFraction + testFraction must leave rows for training (sum below 1)",
    path: ["testFraction"],
  });
export type CreateDatasetFields = z.infer<typeof CreateDatasetFields>;

export const LengthStats = z.object({
  min: z.number(),
  max: z.number(),
  mean: z.number(),
  p25: z.number(),
  p50: z.number(),
  p75: z.number(),
  p90: z.number(),
  p95: z.number(),
  p99: z.number(),
});
export type LengthStats = z.infer<typeof LengthStats>;

export const LengthHistogramBin = z.object({
  /** Lengths in characters (Unicode code points), start inclusive, end exclusive. */
  start: z.number(),
  end: z.number(),
  /** The last bin also holds every longer sentence when the tail is long. */
  isOverflow: z.boolean().optional(),
  count: z.number().int().nonnegative(),
  labelCounts: LabelCounts,
});
export type LengthHistogramBin = z.infer<typeof LengthHistogramBin>;

export const DatasetStats = z.object({
  lengths: LengthStats,
  histogram: z.array(LengthHistogramBin),
  /** Rows whose sentence already appeared earlier in the dataset. */
  duplicateCount: z.number().int().nonnegative(),
  longSentenceCount: z.number().int().nonnegative(),
  labelCountsBySplit: z.object({ train: LabelCounts, val: LabelCounts, test: LabelCounts }),
});
export type DatasetStats = z.infer<typeof DatasetStats>;

export const DatasetSummary = z.object({
  id: z.string(),
  name: z.string(),
  format: z.string(),
  originalFilename: z.string(),
  rowCount: z.number().int().nonnegative(),
  /** The dataset's 2..100 classes in report order: 0/1 files are always [0, 1]. */
  labels: z.array(LabelValue).meta({ description: "The dataset's 2 to 100 classes in report order (integers ascending, then texts as first seen); a 0/1 file is always [0, 1]." }),
  labelCounts: LabelCounts,
  splitCounts: SplitCounts,
  warnings: z.array(DatasetWarning),
  valFraction: z.number(),
  testFraction: z.number(),
  seed: z.number().int(),
  hasSeparateTest: z.boolean(),
  createdAt: z.string(),
  /** Who made it; null for the API_TOKEN, older records, or a deleted account. */
  createdBy: Creator.nullable().optional(),
});
export type DatasetSummary = z.infer<typeof DatasetSummary>;

export const CreateDatasetResponse = DatasetSummary;
export type CreateDatasetResponse = z.infer<typeof CreateDatasetResponse>;

export const DatasetDetail = DatasetSummary.extend({ stats: DatasetStats });
export type DatasetDetail = z.infer<typeof DatasetDetail>;

export const DatasetListQuery = z.object({
  cursor: z.string().min(1).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});
export type DatasetListQuery = z.infer<typeof DatasetListQuery>;

export const DatasetListResponse = listResponse(DatasetSummary);
export type DatasetListResponse = z.infer<typeof DatasetListResponse>;

export const DatasetRowsQuery = z.object({
  split: DatasetSplitName.optional(),
  /** Only rows of this class (the label as text). */
  label: z.string().trim().min(1).max(64).optional(),
  offset: z.coerce.number({ error: "offset must be a number" }).int().min(0).default(0),
  limit: z.coerce.number({ error: "limit must be a number" }).int().min(1).max(500).default(50),
  /** Case-insensitive substring of the sentence. */
  q: z.string().trim().max(200).optional(),
});
export type DatasetRowsQuery = z.infer<typeof DatasetRowsQuery>;

export const DatasetRowItem = z.object({
  index: z.number().int().nonnegative(),
  sentence: z.string(),
  label: LabelValue,
  split: DatasetSplitName,
});
export type DatasetRowItem = z.infer<typeof DatasetRowItem>;

export const DatasetRowsResponse = z.object({ items: z.array(DatasetRowItem), total: z.number().int().nonnegative() });
export type DatasetRowsResponse = z.infer<typeof DatasetRowsResponse>;
