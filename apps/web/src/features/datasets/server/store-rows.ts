// Bulk insert of dataset rows: one INSERT … SELECT FROM unnest(arrays) per chunk, so 100,000 rows
// are a handful of statements instead of 100,000 (see scripts/bench/dataset-store.ts).
import type { Prisma } from "@loraboard/db/server";
import { labelKey, type Label, type SplitName } from "@loraboard/domain";

export const INSERT_CHUNK_ROWS = 10_000;

export interface RowColumns {
  sentences: readonly string[];
  labels: readonly Label[];
  splits: readonly SplitName[];
}

export async function insertDatasetRows(tx: Prisma.TransactionClient, datasetId: string, rows: RowColumns, chunkRows = INSERT_CHUNK_ROWS) {
  for (let start = 0; start < rows.sentences.length; start += chunkRows) {
    const end = Math.min(start + chunkRows, rows.sentences.length);
    const indices = Array.from({ length: end - start }, (_, k) => start + k);
    // Labels are stored as text (their key), integers and text alike.
    const labels = rows.labels.slice(start, end).map(labelKey);
    await tx.$executeRaw`
      INSERT INTO dataset_rows ("datasetId", "index", "sentence", "label", "split")
      SELECT ${datasetId}, t.i, t.s, t.l, t.p::"DatasetSplit"
      FROM unnest(${indices}::int[], ${rows.sentences.slice(start, end)}::text[], ${labels}::text[],
                  ${rows.splits.slice(start, end)}::text[]) AS t(i, s, l, p)`;
  }
}
