// One `evaluate` job: ask the inference server for every row of a split (bounded concurrency, so
// vLLM can batch), parse the label, store each prediction as it comes (a restarted worker only
// asks the rows still missing), then compute the report's metrics. A sentence too long for the
// served context is shortened (fit-prompt.ts); transient failures are waited out (retry-policy.ts).
import type { Db } from "@loraboard/db/server";
import { announceEvaluationStatus } from "@loraboard/queue/webhooks";
import { LabelValue } from "@loraboard/contracts";
import {
  computeMetrics,
  labelFromKey,
  labelKey,
  parseLabel,
  renderFewShotPrompt,
  renderPrompt,
  toServingPrompt,
  type FewShotExample,
  type Label,
} from "@loraboard/domain";
import { z } from "zod";
import { ensureBaseline, type BaselineOptions } from "./baseline";
import { fitPrompt } from "./fit-prompt";
import { resolvePrompting } from "./prompting";
import { DEFAULT_RETRY_DELAYS_MS, isTransient, withRetries } from "./retry-policy";

export interface CompletionRequest {
  model: string;
  prompt: string;
  maxTokens: number;
  temperature: number;
}

/** Sends one completion; errors carry `status` when the server answered (4xx are not retried). */
export type CompleteFn = (request: CompletionRequest) => Promise<string>;

export interface EvaluationContext {
  db: Db;
  complete: CompleteFn;
  concurrency: number;
  /** Called when an evaluation that belongs to a training job ends (the job's status follows). */
  onFinished?: (evaluationId: string) => Promise<void>;
  /** The context in tokens (vLLM's max_model_len) of the server that serves `model`, or null when it does not say. */
  servedContextLength?: (model: string) => Promise<number | null>;
  retryDelaysMs?: number[];
  /** How an adapter evaluation queues its base model's zero-shot baseline; false: no baseline. */
  baseline?: BaselineOptions | false;
}

const FINAL = ["succeeded", "failed", "cancelled"];
const MAX_NEW_TOKENS = 8;
const FLUSH_EVERY = 25;

export class PermanentEvaluationError extends Error {}

/** A balanced pick of k examples from the train split: the first rows of each class in turn. */
async function pickFewShotExamples(db: Db, datasetId: string, classes: readonly Label[], k: number): Promise<FewShotExample[]> {
  if (k === 0) return [];
  const perLabel = await Promise.all(
    classes.map((label) =>
      db.datasetRow.findMany({
        where: { datasetId, split: "train", label: labelKey(label) },
        orderBy: { index: "asc" },
        take: k,
        select: { sentence: true, label: true },
      }),
    ),
  );
  const examples: FewShotExample[] = [];
  for (let i = 0; examples.length < k && i < k; i++) {
    for (const rows of perLabel) {
      const row = rows[i];
      if (row && examples.length < k) examples.push({ sentence: row.sentence, label: labelFromKey(row.label) });
    }
  }
  return examples;
}

export async function runEvaluation(context: EvaluationContext, evaluationId: string) {
  const { db } = context;
  const evaluation = await db.evaluation.findUnique({
    where: { id: evaluationId },
    include: { adapter: { include: { job: true } } },
  });
  if (!evaluation || FINAL.includes(evaluation.status)) return;

  const baseModel = evaluation.adapter ? null : await db.baseModel.findUnique({ where: { id: evaluation.model } });
  const dataset = await db.dataset.findUniqueOrThrow({ where: { id: evaluation.datasetId }, select: { labels: true } });
  const classes = z.array(LabelValue).parse(dataset.labels);
  const { template, labelWords } = resolvePrompting(evaluation, baseModel, classes);
  const examples = await pickFewShotExamples(db, evaluation.datasetId, classes, evaluation.fewShot);
  const toPrompt = (sentence: string) =>
    toServingPrompt(examples.length ? renderFewShotPrompt(template, labelWords, examples, sentence) : renderPrompt(template, sentence));
  const delays = context.retryDelaysMs ?? DEFAULT_RETRY_DELAYS_MS;

  await db.evaluation.update({
    where: { id: evaluationId },
    data: { status: "running", startedAt: evaluation.startedAt ?? new Date(), error: undefined },
  });
  // A resumed evaluation (its worker was replaced) was running already: nothing changed.
  if (evaluation.status !== "running") await announceEvaluationStatus(db, evaluationId, "running");
  // Queued now (it runs after this one: one evaluation at a time), so the report shows it pending.
  if (evaluation.adapter && context.baseline !== false) await ensureBaseline(db, evaluationId, context.baseline);

  const answered = new Set(
    (await db.prediction.findMany({ where: { evaluationId }, select: { index: true } })).map((p) => p.index),
  );
  const rows = (
    await db.datasetRow.findMany({
      where: { datasetId: evaluation.datasetId, split: evaluation.split },
      orderBy: { index: "asc" },
      take: evaluation.total,
      select: { index: true, sentence: true, label: true },
    })
  ).filter((row) => !answered.has(row.index));

  const pending: { evaluationId: string; index: number; sentence: string; label: string; predicted: string | null; output: string }[] = [];
  const flush = async () => {
    if (pending.length === 0) return;
    const batch = pending.splice(0);
    await db.prediction.createMany({ data: batch, skipDuplicates: true });
    await db.evaluation.update({ where: { id: evaluationId }, data: { completed: { increment: batch.length } } });
  };

  const startedAt = Date.now();
  let next = 0;
  let failure: unknown = null;
  let maxModelLen: number | null = null;
  try {
    const { servedContextLength } = context;
    maxModelLen = servedContextLength ? await withRetries(delays, () => servedContextLength(evaluation.model)) : null;
  } catch (error) {
    failure = error;
  }
  const askNext = async () => {
    while (failure === null && next < rows.length) {
      const row = rows[next++]!;
      try {
        const { prompt } = fitPrompt(toPrompt, row.sentence, maxModelLen, MAX_NEW_TOKENS);
        const output = await withRetries(delays, () =>
          context.complete({ model: evaluation.model, prompt, maxTokens: MAX_NEW_TOKENS, temperature: 0 }),
        );
        const predicted = parseLabel(output, labelWords);
        pending.push({ evaluationId, index: row.index, sentence: row.sentence, label: row.label, predicted: predicted === null ? null : labelKey(predicted), output });
        if (pending.length >= FLUSH_EVERY) await flush();
      } catch (error) {
        failure = error;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, context.concurrency) }, askNext));
  await flush();

  if (failure !== null) {
    const message = (failure as Error).message ?? String(failure);
    await db.evaluation.update({
      where: { id: evaluationId },
      data: {
        status: "failed",
        finishedAt: new Date(),
        error: { code: isTransient(failure) ? "inference_unavailable" : "inference_error", message: `The inference server refused a completion: ${message}` },
      },
    });
    await announceEvaluationStatus(db, evaluationId, "failed");
    await context.onFinished?.(evaluationId);
    return;
  }

  const predictions = await db.prediction.findMany({ where: { evaluationId }, select: { label: true, predicted: true } });
  const metrics = computeMetrics(
    predictions.map((p) => ({ label: labelFromKey(p.label), predicted: p.predicted === null ? null : labelFromKey(p.predicted) })),
    classes,
  );
  const seconds = (Date.now() - startedAt) / 1000;
  await db.evaluation.update({
    where: { id: evaluationId },
    data: {
      status: "succeeded",
      finishedAt: new Date(),
      metrics: metrics as object,
      completed: predictions.length,
      samplesPerSecond: rows.length > 0 && seconds > 0 ? rows.length / seconds : null,
    },
  });
  await announceEvaluationStatus(db, evaluationId, "succeeded");
  await context.onFinished?.(evaluationId);
}
