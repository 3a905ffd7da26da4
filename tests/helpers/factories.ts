// Rows for tests, written straight to the database (the upload path has tests of its own).
import { getDb, type Db } from "@loraboard/db/server";
import { countLabels, orderLabels } from "@loraboard/domain";

const POSITIVE = ["质量很好，非常满意", "物流很快，包装完好", "性价比高，推荐购买", "做工精细，用着舒服", "客服态度好，值得信赖"];
const NEGATIVE = ["质量太差，很失望", "发货慢，包装破损", "用了两天就坏了", "与描述不符，不推荐", "客服不理人，差评"];

/** A small, learnable, balanced review set: positive and negative phrases with variations. */
export function makeReviewRows(count: number) {
  return Array.from({ length: count }, (_, index) => {
    const label = index % 2;
    const phrases = label === 1 ? POSITIVE : NEGATIVE;
    return { sentence: `${phrases[index % phrases.length]}${"！".repeat(Math.floor(index / 10) % 3)}#${index}`, label };
  });
}

/** `db`: another database than the test one (a fault test's own Postgres). */
export async function createDataset(options: { name?: string; rows?: { sentence: string; label: number | string }[]; db?: Db } = {}) {
  const rows = options.rows ?? makeReviewRows(60);
  const split = (index: number) => (index % 10 === 8 ? "val" : index % 10 === 9 ? "test" : "train") as "train" | "val" | "test";
  const splitCounts = { train: 0, val: 0, test: 0 };
  rows.forEach((_, index) => splitCounts[split(index)]++);
  const labels = orderLabels(rows.map((row) => row.label));
  const labelCounts = countLabels(rows.map((row) => row.label), labels);
  return (options.db ?? getDb()).dataset.create({
    data: {
      name: options.name ?? "test reviews",
      format: "json",
      originalFilename: "reviews.json",
      originalPath: "datasets/test/original.json",
      rowCount: rows.length,
      labels,
      labelCounts,
      splitCounts,
      stats: {},
      warnings: [],
      valFraction: 0.1,
      testFraction: 0.1,
      seed: 42,
      // Rows store the label's text form (see prisma/schema.prisma).
      rows: { createMany: { data: rows.map((row, index) => ({ index, ...row, label: String(row.label), split: split(index) })) } },
    },
  });
}
