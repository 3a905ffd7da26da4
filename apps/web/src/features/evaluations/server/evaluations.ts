// Evaluations: create (row first, then enqueue its id), read, and browse predictions.
import {
  CreateEvaluationBody,
  Evaluation,
  EvaluationListQuery,
  EvaluationMetrics,
  PredictionsQuery,
  type EvaluationBaseline,
  type EvaluationMetricsBody,
  type Prediction,
} from "@loraboard/contracts";
import { Prisma, getDb } from "@loraboard/db/server";
import { labelFromKey } from "@loraboard/domain";
import { QueueName } from "@loraboard/queue";
import { enqueue } from "@loraboard/queue/server";
import { announceEvaluationStatus } from "@loraboard/queue/webhooks";
import { z } from "zod";
import { ApiError, notFound } from "@/server/api-error";
import { rejectUnstorableText } from "@/server/storable-text";
import { csvLine } from "../lib/csv";
import { CREATOR_SELECT, toCreator } from "@/server/audit/audit-log";

type EvaluationRow = Prisma.EvaluationGetPayload<{ include: { dataset: { select: { name: true } } } }> & {
  createdBy?: { id: string; name: string; email: string } | null;
  baseline?: { id: string; status: Evaluation["status"]; metrics: Prisma.JsonValue } | null;
};

const ErrorColumn = z.object({ code: z.string(), message: z.string() });

/** The baseline's figures beside the adapter's; lift in percentage points (rounded against float noise). */
function serializeBaseline(baseline: NonNullable<EvaluationRow["baseline"]>, adapterMetrics: EvaluationMetricsBody | null): EvaluationBaseline {
  const metrics = baseline.status === "succeeded" && baseline.metrics ? EvaluationMetrics.parse(baseline.metrics) : null;
  const lift = metrics && adapterMetrics ? Math.round((adapterMetrics.accuracy - metrics.accuracy) * 1e6) / 1e4 : null;
  return {
    id: baseline.id,
    status: baseline.status,
    accuracy: metrics?.accuracy ?? null,
    invalidRate: metrics?.invalidRate ?? null,
    macroF1: metrics?.macroF1 ?? null,
    lift,
  };
}

export function serializeEvaluation(row: EvaluationRow): Evaluation {
  const metrics = row.metrics ? EvaluationMetrics.parse(row.metrics) : null;
  return {
    id: row.id,
    status: row.status,
    model: row.model,
    adapterId: row.adapterId,
    jobId: row.jobId,
    datasetId: row.datasetId,
    datasetName: row.dataset?.name,
    split: row.split,
    fewShot: row.fewShot,
    total: row.total,
    completed: row.completed,
    metrics,
    samplesPerSecond: row.samplesPerSecond,
    error: row.error ? ErrorColumn.parse(row.error) : null,
    createdAt: row.createdAt.toISOString(),
    startedAt: row.startedAt?.toISOString() ?? null,
    finishedAt: row.finishedAt?.toISOString() ?? null,
    createdBy: toCreator(row.createdBy),
    isBaseline: row.adapterId === null,
    baseline: row.baseline ? serializeBaseline(row.baseline, metrics) : null,
  };
}

const include = {
  dataset: { select: { name: true } },
  createdBy: CREATOR_SELECT,
  baseline: { select: { id: true, status: true, metrics: true } },
};

/** `createdById`: the account that asks for it (null for the API_TOKEN). */
export async function createEvaluation(input: unknown, createdById: string | null = null): Promise<Evaluation> {
  const body = CreateEvaluationBody.parse(input);
  rejectUnstorableText(body);
  const db = getDb();
  const [dataset, adapter, baseModel] = await Promise.all([
    db.dataset.findUnique({ where: { id: body.datasetId, deletedAt: null }, select: { id: true, name: true } }),
    db.adapter.findUnique({ where: { name: body.model }, select: { id: true, jobId: true } }),
    db.baseModel.findUnique({ where: { id: body.model }, select: { id: true } }),
  ]);
  if (!dataset) throw new ApiError(404, "dataset_not_found", `Dataset ${body.datasetId} does not exist.`);
  if (!adapter && !baseModel) {
    throw new ApiError(404, "model_not_found", `No adapter or base model is called "${body.model}".`);
  }
  const rows = await db.datasetRow.count({ where: { datasetId: dataset.id, split: body.split } });
  if (rows === 0) throw new ApiError(422, "empty_split", `The ${body.split} split of "${dataset.name}" has no rows.`);
  if (body.fewShot > 0 && (await db.datasetRow.count({ where: { datasetId: dataset.id, split: "train" } })) < body.fewShot) {
    throw new ApiError(422, "not_enough_examples", `Few-shot needs ${body.fewShot} examples from the train split; it has fewer.`);
  }
  const row = await db.evaluation.create({
    data: {
      model: body.model,
      adapterId: adapter?.id ?? null,
      datasetId: dataset.id,
      split: body.split,
      fewShot: body.fewShot,
      total: Math.min(rows, body.limit ?? rows),
      createdById,
    },
    include,
  });
  try {
    await enqueue(QueueName.evaluate, row.id, { evaluationId: row.id });
  } catch {
    await db.evaluation.delete({ where: { id: row.id } });
    throw new ApiError(503, "queue_unavailable", "The job queue (Redis) is not reachable; nothing was created. Try again.");
  }
  await announceEvaluationStatus(db, row.id, "queued");
  return serializeEvaluation(row);
}

/**
 * Runs a failed or cancelled evaluation again from where it stopped: the predictions already stored
 * are kept and only the missing rows are asked (the worker skips answered ones).
 */
export async function retryEvaluation(id: string): Promise<Evaluation> {
  const db = getDb();
  const stored = await db.prediction.count({ where: { evaluationId: id } });
  // Only a finished, unsuccessful one: the status condition makes two clicks at once retry once.
  const updated = await db.evaluation.updateMany({
    where: { id, status: { in: ["failed", "cancelled"] } },
    data: { status: "queued", error: Prisma.DbNull, finishedAt: null, completed: stored },
  });
  if (updated.count === 0) {
    const row = await db.evaluation.findUnique({ where: { id }, select: { status: true } });
    if (!row) throw notFound(`Evaluation ${id}`);
    throw new ApiError(409, "not_retryable", `Evaluation ${id} is ${row.status}: only a failed or cancelled evaluation can be retried.`);
  }
  try {
    // A job id of its own: BullMQ keeps the finished job under the evaluation's id and would ignore a second one.
    await enqueue(QueueName.evaluate, `${id}-retry-${Date.now()}`, { evaluationId: id });
  } catch {
    const error = { code: "queue_unavailable", message: "The job queue (Redis) was not reachable when the retry was asked." };
    await db.evaluation.update({ where: { id }, data: { status: "failed", finishedAt: new Date(), error } });
    await announceEvaluationStatus(db, id, "failed");
    throw new ApiError(503, "queue_unavailable", "The job queue (Redis) is not reachable; the evaluation was not retried. Try again.");
  }
  await announceEvaluationStatus(db, id, "queued");
  return getEvaluation(id);
}

export async function listEvaluations(query: z.infer<typeof EvaluationListQuery>) {
  const rows = await getDb().evaluation.findMany({
    where: { datasetId: query.datasetId, split: query.split },
    orderBy: { createdAt: "desc" },
    take: query.limit,
    include,
  });
  return { items: rows.map(serializeEvaluation), nextCursor: null };
}

export async function getEvaluation(id: string): Promise<Evaluation> {
  const row = await getDb().evaluation.findUnique({ where: { id }, include });
  if (!row) throw notFound(`Evaluation ${id}`);
  return serializeEvaluation(row);
}

function predictionFilter(evaluationId: string, query: z.infer<typeof PredictionsQuery>): Prisma.PredictionWhereInput {
  const where: Prisma.PredictionWhereInput = { evaluationId };
  if (query.filter === "invalid") where.predicted = null;
  if (query.filter === "wrong") where.OR = [{ predicted: null }, { NOT: { predicted: { equals: getDb().prediction.fields.label } } }];
  if (query.q) where.sentence = { contains: query.q, mode: "insensitive" };
  if (query.label) where.label = query.label;
  return where;
}

export async function listPredictions(evaluationId: string, query: z.infer<typeof PredictionsQuery>) {
  const db = getDb();
  if (!(await db.evaluation.findUnique({ where: { id: evaluationId }, select: { id: true } }))) {
    throw notFound(`Evaluation ${evaluationId}`);
  }
  const where = predictionFilter(evaluationId, query);
  const [rows, total] = await Promise.all([
    db.prediction.findMany({ where, orderBy: { index: "asc" }, skip: query.offset, take: query.limit }),
    db.prediction.count({ where }),
  ]);
  const items: Prediction[] = rows.map((row) => ({
    index: row.index,
    sentence: row.sentence,
    label: labelFromKey(row.label),
    predicted: row.predicted === null ? null : labelFromKey(row.predicted),
    output: row.output,
  }));
  return { items, total };
}

/** Every prediction matching the filter as CSV (index, sentence, label, predicted, correct, output). */
export async function exportPredictionsCsv(evaluationId: string, query: z.infer<typeof PredictionsQuery>): Promise<string> {
  const db = getDb();
  if (!(await db.evaluation.findUnique({ where: { id: evaluationId }, select: { id: true } }))) {
    throw notFound(`Evaluation ${evaluationId}`);
  }
  const rows = await db.prediction.findMany({ where: predictionFilter(evaluationId, query), orderBy: { index: "asc" } });
  const lines = ["index,sentence,label,predicted,correct,output"];
  for (const row of rows) {
    lines.push(csvLine([row.index, row.sentence, row.label, row.predicted, row.predicted === row.label ? 1 : 0, row.output]));
  }
  return `${lines.join("\r\n")}\r\n`;
}
