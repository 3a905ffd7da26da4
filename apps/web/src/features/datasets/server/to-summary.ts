// Stored dataset → API shape; JSON columns are validated as they are read.
import { z } from "zod";
import { DatasetStats, DatasetWarning, LabelCounts, SplitCounts, type DatasetDetail, type DatasetSummary } from "@loraboard/contracts";
import type { Dataset } from "@loraboard/db/server";
import { toCreator } from "@/server/audit/audit-log";

const Warnings = z.array(DatasetWarning);

type CreatorRow = { id: string; name: string; email: string };
export type DatasetWithoutStats = Omit<Dataset, "stats"> & { createdBy?: CreatorRow | null };

export function toDatasetSummary(dataset: DatasetWithoutStats): DatasetSummary {
  return {
    id: dataset.id,
    name: dataset.name,
    format: dataset.format,
    originalFilename: dataset.originalFilename,
    rowCount: dataset.rowCount,
    labelCounts: LabelCounts.parse(dataset.labelCounts),
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
