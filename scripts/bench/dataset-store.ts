// Measures how fast an upload of 100,000 rows is parsed, validated, split and stored (one
// transaction, unnest bulk insert), and prints rows per second.
// Run: source scripts/test-env.sh && npx tsx scripts/bench/dataset-store.ts [rows]
// It writes to DATABASE_URL's database and a temporary DATA_DIR, and deletes its dataset after.
import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { getDb } from "@loraboard/db/server";
import { prepareDataset } from "@loraboard/domain";
import { createDataset } from "../../apps/web/src/features/datasets/server/create-dataset";
import { insertDatasetRows } from "../../apps/web/src/features/datasets/server/store-rows";

const rowCount = Number(process.argv[2] ?? 100_000);
const WORDS = ["质量", "很好", "物流", "太慢", "服务", "态度", "满意", "失望", "价格", "实惠", "包装", "破损", "推荐", "购买", "屏幕", "清晰"];

function makeFile(count: number): Uint8Array {
  const lines: string[] = [];
  for (let i = 0; i < count; i++) {
    const words = Array.from({ length: 5 + (i % 30) }, (_, k) => WORDS[(i * 7 + k * 13) % WORDS.length]);
    lines.push(JSON.stringify({ sentence: `${words.join("")} #${i}`, label: i % 3 === 0 ? 0 : 1 }));
  }
  return new TextEncoder().encode(`[\n${lines.join(",\n")}\n]\n`);
}

const rate = (rows: number, ms: number) => `${Math.round(rows / (ms / 1000)).toLocaleString("en-US")} rows/s`;

async function main() {
  const bytes = makeFile(rowCount);
  console.log(`${rowCount.toLocaleString("en-US")} rows, ${(bytes.byteLength / 1024 / 1024).toFixed(1)} MB of JSON`);
  const db = getDb();
  const dataDir = await mkdtemp(path.join(os.tmpdir(), "loraboard-bench-"));
  try {
    let started = performance.now();
    const prepared = prepareDataset({ bytes, filename: "bench.json" });
    const prepareMs = performance.now() - started;
    console.log(`parse + validate + split + stats: ${prepareMs.toFixed(0)} ms (${rate(rowCount, prepareMs)})`);

    // The insert alone, in a transaction rolled back afterwards (needs a dataset row for the foreign key).
    started = performance.now();
    await db
      .$transaction(
        async (tx) => {
          await tx.dataset.create({
            data: { id: "benchinsertonly", name: "bench", format: "json", originalFilename: "bench.json", originalPath: "datasets/benchinsertonly/original.json",
              rowCount, labelCounts: {}, splitCounts: {}, stats: {}, warnings: [], valFraction: 0.1, testFraction: 0.1, seed: 42 },
          });
          await insertDatasetRows(tx, "benchinsertonly", prepared);
          throw new RollBack();
        },
        { timeout: 600_000 },
      )
      .catch((error) => {
        if (!(error instanceof RollBack)) throw error;
      });
    const insertMs = performance.now() - started;
    console.log(`bulk insert only (unnest, ${Math.ceil(rowCount / 10_000)} statements): ${insertMs.toFixed(0)} ms (${rate(rowCount, insertMs)})`);

    started = performance.now();
    const created = await createDataset({ file: new File([bytes as BlobPart], "bench.json"), fields: { valFraction: 0.1, seed: 42 } }, dataDir);
    const totalMs = performance.now() - started;
    console.log(`end to end (createDataset: parse, validate, file, transaction): ${totalMs.toFixed(0)} ms (${rate(rowCount, totalMs)})`);
    console.log(`stored ${created.rowCount} rows, splits ${JSON.stringify(created.splitCounts)}`);
    await db.dataset.delete({ where: { id: created.id } });
  } finally {
    await rm(dataDir, { recursive: true, force: true });
    await db.$disconnect();
  }
}

class RollBack extends Error {}

await main();
