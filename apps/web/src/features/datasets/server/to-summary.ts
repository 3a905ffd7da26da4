// Stored dataset → API shape; JSON columns are validated as they are read.
import { z } from "zod";
import { DatasetStats, DatasetWarning, LabelCounts, LabelValue, SplitCounts, type DatasetDetail, type DatasetSummary } from "@loraboard/contracts";
import type { Dataset } from "@loraboard/db/server";
import { toCreator } from "@/server/audit/audit-log";
import { labelKey } from "@loraboard/domain";

const Warnings = z.array(DatasetWarning);
const Labels = z.array(LabelValue);

/** Counts keyed in class order (jsonb keeps its own key order). */
export function inClassOrder(counts: LabelCounts, labels: readonly LabelValue[]): LabelCounts {
  return Object.fromEntries(labels.map((label) => [labelKey(label), counts[labelKey(label)] ?? 0]));
}

type CreatorRow = { id: string; name: string; email: string };
export type DatasetWithoutStats = Omit<Dataset, "stats"> & { createdBy?: CreatorRow | null };

export function toDatasetSummary(dataset: DatasetWithoutStats): DatasetSummary {
  const labels = Labels.parse(dataset.labels);
  return {
    id: dataset.id,
    name: dataset.name,
    format: dataset.format,
    originalFilename: dataset.originalFilename,
    rowCount: dataset.rowCount,
    labels,
    labelCounts: inClassOrder(LabelCounts.parse(dataset.labelCounts), labels),
    splitCounts: SplitCounts.parse(dataset.splitCounts),
    warnings: Warnings.parse(dataset.warnings),
    valFraction: dataset.valFraction,
    testFraction: dataset.testFraction,
    seed: dataset.seed,
    hasSeparateTest: dataset.hasSeparateTest,
    createdAt: dataset.createdAt.toISOString(),
    createdBy: toCreator(dataset.createdBy),
  };
}

export function toDatasetDetail(dataset: Dataset & { createdBy?: CreatorRow | null }): DatasetDetail {
  return { ...toDatasetSummary(dataset), stats: DatasetStats.parse(dataset.stats) };
}
