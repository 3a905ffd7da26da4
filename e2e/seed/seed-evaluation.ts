// Seeds a finished evaluation for the report's e2e test (no inference server runs in e2e): a
// dataset with a 30-row test split, a zero-shot evaluation of it with 30 predictions and metrics
// computed by the product's own function, and on the same split to compare with: a 2-shot one and
// one of an adapter (a succeeded job with its own label words 差评/好评, never loaded: shouldLoad
// is false so the worker's reconcile leaves it alone) whose baseline is the zero-shot one.
// Prints one JSON line: {"evaluationId", "otherId", "adapterEvaluationId", "runningId", "datasetId", "datasetName"}.
// The running one (12 of 30 rows answered, no queue job, so no worker touches it) is finished by
// `seed-evaluation.ts --finish <id>`, as a worker would, to watch the report update live.
import { getDb } from "@loraboard/db/server";
import { computeMetrics } from "@loraboard/domain";

const [firstArgument, secondArgument] = process.argv.slice(2);
const run = firstArgument && firstArgument !== "--finish" ? firstArgument : Date.now().toString(36);
const POSITIVE = ["质量很好，非常满意", "物流很快，包装完好", "性价比高，推荐购买", "做工精细，用着舒服", "客服态度好，值得信赖"];
const NEGATIVE = ["质量太差，很失望", "发货慢，包装破损", "用了两天就坏了", "与描述不符，不推荐", "客服不理人，差评"];

// Test row i has label i % 2. What the zero-shot model answered, by row: right unless listed.
// Label 0 (15 rows): 2 answered 1, 2 invalid. Label 1 (15 rows): 2 answered 0, 1 invalid.
const ZERO_SHOT_ANSWERS: Record<number, 0 | 1 | null> = { 0: 1, 4: 1, 8: null, 12: null, 1: 0, 5: 0, 9: null };
const INVALID_OUTPUTS = ["嗯，这个嘛", "", "I think"];
// The 2-shot run: two wrong answers, no invalid ones. The adapter: one invalid answer.
const TWO_SHOT_ANSWERS: Record<number, 0 | 1 | null> = { 3: 0, 6: 1 };
const ADAPTER_ANSWERS: Record<number, 0 | 1 | null> = { 7: null };
const DEFAULT_WORDS = { "0": "消极", "1": "积极" };
const ADAPTER_WORDS = { "0": "差评", "1": "好评" };

const db = getDb();
const TRAIN_ROWS = 10;
const testRows = Array.from({ length: 30 }, (_, i) => {
  const label = i % 2;
  const phrase = (label === 1 ? POSITIVE : NEGATIVE)[Math.floor(i / 2) % 5]!;
  return { sentence: `${phrase}（评测${i + 1}）`, label };
});
const trainRows = Array.from({ length: TRAIN_ROWS }, (_, i) => ({ sentence: `${(i % 2 ? POSITIVE : NEGATIVE)[i % 5]}（训练${i}）`, label: i % 2 }));
const rows = [
  ...trainRows.map((row, i) => ({ ...row, label: String(row.label), index: i, split: "train" as const })),
  ...testRows.map((row, i) => ({ ...row, label: String(row.label), index: trainRows.length + i, split: "test" as const })),
];
function predictionsFor(answers: Record<number, 0 | 1 | null>, words: { "0": string; "1": string } = DEFAULT_WORDS) {
  let invalidSeen = 0;
  return testRows.map((row, i) => {
    const predicted = i in answers ? answers[i]! : (row.label as 0 | 1);
    const output = predicted === null ? INVALID_OUTPUTS[invalidSeen++ % INVALID_OUTPUTS.length]! : words[predicted];
    // Stored as the labels' text form (prisma/schema.prisma).
    return { index: TRAIN_ROWS + i, sentence: row.sentence, label: String(row.label), predicted: predicted === null ? null : String(predicted), output };
  });
}

const metricsOf = (predictions: { label: string; predicted: string | null }[]) =>
  computeMetrics(predictions.map((p) => ({ label: Number(p.label), predicted: p.predicted === null ? null : Number(p.predicted) })));

if (firstArgument === "--finish") {
  // What the runner does at the end: the remaining rows, then the metrics and the final status.
  const evaluationId = secondArgument!;
  const predictions = predictionsFor(ZERO_SHOT_ANSWERS);
  await db.prediction.createMany({ data: predictions.map((p) => ({ ...p, evaluationId })), skipDuplicates: true });
  await db.evaluation.update({
    where: { id: evaluationId },
    data: { status: "succeeded", completed: predictions.length, metrics: metricsOf(predictions) as object, samplesPerSecond: 12.5, finishedAt: new Date() },
  });
  await db.$disconnect();
  console.log(JSON.stringify({ evaluationId }));
  process.exit(0);
}

const datasetName = `Seeded reviews ${run}`;
const dataset = await db.dataset.create({
  data: {
    name: datasetName,
    format: "json",
    originalFilename: "seeded.json",
    originalPath: `datasets/seeded-${run}/original.json`,
    rowCount: rows.length,
    labelCounts: { "0": rows.filter((r) => r.label === "0").length, "1": rows.filter((r) => r.label === "1").length },
    splitCounts: { train: trainRows.length, val: 0, test: testRows.length },
    stats: {},
    warnings: [],
    valFraction: 0,
    testFraction: 0.75,
    seed: 42,
    rows: { createMany: { data: rows } },
  },
});

async function seedEvaluation(
  fewShot: number,
  answers: Record<number, 0 | 1 | null>,
  createdAt: Date,
  adapter?: { id: string; name: string; jobId: string },
) {
  const predictions = predictionsFor(answers, adapter ? ADAPTER_WORDS : DEFAULT_WORDS);
  const metrics = metricsOf(predictions);
  return db.evaluation.create({
    data: {
      model: adapter?.name ?? "demo-tiny-zh",
      adapterId: adapter?.id ?? null,
      jobId: adapter?.jobId ?? null,
      datasetId: dataset.id,
      split: "test",
      fewShot,
      status: "succeeded",
      total: predictions.length,
      completed: predictions.length,
      metrics: metrics as object,
      samplesPerSecond: 12.5,
      createdAt,
      startedAt: createdAt,
      finishedAt: new Date(createdAt.getTime() + 2400),
      predictions: { createMany: { data: predictions } },
    },
  });
}

const job = await db.trainingJob.create({
  data: {
    name: `e2e evaluation seed ${run}`,
    status: "succeeded",
    datasetId: dataset.id,
    baseModelId: "demo-tiny-zh",
    hyperparameters: {
      loraR: 8,
      loraAlpha: 16,
      loraDropout: 0,
      targetModules: ["q_proj", "v_proj"],
      learningRate: 2e-3,
      epochs: 1,
      batchSize: 8,
      gradientAccumulationSteps: 1,
      maxLength: 64,
      evalSteps: 2,
      seed: 42,
    },
    promptTemplate: "<s>[INST] 请判断下面商品评论的情感（差评/好评）：\n{sentence} [/INST]",
    labelWords: ADAPTER_WORDS,
    adapterName: `e2e-eval-${run}`,
    progress: 1,
    currentStep: 4,
    totalSteps: 4,
    attempts: 1,
    startedAt: new Date(Date.now() - 600_000),
    finishedAt: new Date(Date.now() - 540_000),
  },
});
const adapter = await db.adapter.create({
  data: { name: job.adapterName, jobId: job.id, baseModelId: "demo-tiny-zh", path: `adapters/e2e-eval-${run}`, status: "unloaded", shouldLoad: false },
});
const adapterEvaluation = await seedEvaluation(0, ADAPTER_ANSWERS, new Date(Date.now() - 90_000), { id: adapter.id, name: adapter.name, jobId: job.id });
const other = await seedEvaluation(2, TWO_SHOT_ANSWERS, new Date(Date.now() - 60_000));
const evaluation = await seedEvaluation(0, ZERO_SHOT_ANSWERS, new Date());
// The zero-shot one is the adapter's baseline, as the worker links it (76.7% → 96.7%: +20.0 points).
await db.evaluation.update({ where: { id: adapterEvaluation.id }, data: { baselineId: evaluation.id } });
const answered = predictionsFor(ZERO_SHOT_ANSWERS).slice(0, 12);
const running = await db.evaluation.create({
  data: {
    model: "demo-tiny-zh",
    datasetId: dataset.id,
    split: "test",
    status: "running",
    total: testRows.length,
    completed: answered.length,
    createdAt: new Date(Date.now() - 120_000),
    startedAt: new Date(Date.now() - 5_000),
    predictions: { createMany: { data: answered } },
  },
});
await db.$disconnect();
console.log(
  JSON.stringify({
    evaluationId: evaluation.id,
    otherId: other.id,
    adapterEvaluationId: adapterEvaluation.id,
    runningId: running.id,
    datasetId: dataset.id,
    datasetName,
  }),
);
