// Writes a dataset's train and val splits as JSONL for the trainer, streaming rows in pages so a
// large dataset never sits in memory at once. Labels are written as uploaded (0, 1, "体育"): the
// spec's labelWords is keyed by their text form.
import { createWriteStream } from "node:fs";
import { mkdir } from "node:fs/promises";
import path from "node:path";
import { once } from "node:events";
import type { Db } from "@loraboard/db/server";
import { labelFromKey } from "@loraboard/domain";

const PAGE_SIZE = 5000;

async function exportSplit(db: Db, datasetId: string, split: "train" | "val" | "test", file: string) {
  const out = createWriteStream(file, { encoding: "utf8" });
  let count = 0;
  let afterIndex = -1;
  for (;;) {
    const rows = await db.datasetRow.findMany({
      where: { datasetId, split, index: { gt: afterIndex } },
      orderBy: { index: "asc" },
      take: PAGE_SIZE,
      select: { index: true, sentence: true, label: true },
    });
    if (rows.length === 0) break;
    for (const row of rows) {
      if (!out.write(`${JSON.stringify({ sentence: row.sentence, label: labelFromKey(row.label) })}\n`)) await once(out, "drain");
    }
    count += rows.length;
    afterIndex = rows[rows.length - 1]!.index;
  }
  out.end();
  await once(out, "finish");
  return count;
}

export async function exportTrainingSplits(db: Db, datasetId: string, jobDir: string) {
  await mkdir(jobDir, { recursive: true });
  const train = path.join(jobDir, "train.jsonl");
  const val = path.join(jobDir, "val.jsonl");
  const [trainRows, valRows] = [await exportSplit(db, datasetId, "train", train), await exportSplit(db, datasetId, "val", val)];
  return { train, val, trainRows, valRows };
}
