// Seeds a finished 3-class evaluation with text labels for the labels e2e test (no inference
// server answers predictably in e2e): a dataset of topics 体育/财经/科技 with a 12-row test split
// (4 per topic) and a zero-shot evaluation whose metrics the product's own function computes.
// Answers by test row: 体育 all right; 财经 one read as 科技; 科技 one invalid. 10 of 12 right.
// Prints one JSON line: {"evaluationId", "datasetId", "datasetName"}.
import { getDb } from "@loraboard/db/server";
import { computeMetrics, countLabels } from "@loraboard/domain";

const run = process.argv[2] ?? Date.now().toString(36);
const TOPICS = ["体育", "财经", "科技"] as const;
const PHRASES = { 体育: "球队赢得了比赛", 财经: "银行调整了利率", 科技: "公司发布了新芯片" } as const;
const ANSWERS: Record<number, string | null> = { 5: "科技", 10: null };

const db = getDb();
const trainRows = TOPICS.flatMap((topic) => Array.from({ length: 4 }, (_, i) => ({ sentence: `${PHRASES[topic]}（训练${i}）`, label: topic })));
const testRows = Array.from({ length: 12 }, (_, i) => {
  const topic = TOPICS[Math.floor(i / 4)]!;
  return { sentence: `${PHRASES[topic]}（评测${i + 1}）`, label: topic as string };
});
const rows = [
  ...trainRows.map((row, i) => ({ ...row, index: i, split: "train" as const })),
  ...testRows.map((row, i) => ({ ...row, index: trainRows.length + i, split: "test" as const })),
];
const predictions = testRows.map((row, i) => {
  const predicted = i in ANSWERS ? ANSWERS[i]! : row.label;
  return { index: trainRows.length + i, sentence: row.sentence, label: row.label, predicted, output: predicted ?? "不知道" };
});

const datasetName = `Seeded topics ${run}`;
const dataset = await db.dataset.create({
  data: {
    name: datasetName,
    format: "jsonl",
    originalFilename: "topics.jsonl",
    originalPath: `datasets/seeded-topics-${run}/original.jsonl`,
    rowCount: rows.length,
    labels: [...TOPICS],
    labelCounts: countLabels(rows.map((row) => row.label), [...TOPICS]),
    splitCounts: { train: trainRows.length, val: 0, test: testRows.length },
    stats: {},
    warnings: [],
    valFraction: 0,
    testFraction: 0.5,
    seed: 42,
    rows: { createMany: { data: rows } },
  },
});
const metrics = computeMetrics(predictions, [...TOPICS]);
const evaluation = await db.evaluation.create({
  data: {
    model: "demo-tiny-zh",
    datasetId: dataset.id,
    split: "test",
    status: "succeeded",
    total: predictions.length,
    completed: predictions.length,
    metrics: metrics as object,
    samplesPerSecond: 9.5,
    startedAt: new Date(Date.now() - 3000),
    finishedAt: new Date(),
    predictions: { createMany: { data: predictions } },
  },
});
await db.$disconnect();
console.log(JSON.stringify({ evaluationId: evaluation.id, datasetId: dataset.id, datasetName }));
