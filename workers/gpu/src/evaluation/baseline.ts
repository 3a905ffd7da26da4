// The base model's zero-shot baseline of an adapter evaluation: the same rows of the same split,
// asked of the base model with the adapter's template and label words, so that the report can show
// the lift ("base 70% → adapter 88%"). One baseline serves every adapter evaluation that would ask
// the same questions: its key is unique, so concurrent adapter evaluations share one row. The
// baseline is an evaluation of its own (queued like any other, run by the same code path); its
// failure is recorded on its row and never fails the adapter's evaluation.
import { createHash } from "node:crypto";
import { LabelValue } from "@loraboard/contracts";
import { Prisma, type Db } from "@loraboard/db/server";
import { QueueName } from "@loraboard/queue";
import { enqueue } from "@loraboard/queue/server";
import { announceEvaluationStatus } from "@loraboard/queue/webhooks";
import { z } from "zod";
import { resolvePrompting } from "./prompting";

export interface BaselineSource {
  datasetId: string;
  split: string;
  /** Rows evaluated (the first `total` of the split by index): a limited evaluation's baseline asks the same rows. */
  total: number;
  baseModelId: string;
  promptTemplate: string;
  labelWords: Record<string, string>;
}

export function baselineKeyOf(source: BaselineSource): string {
  const words = Object.entries(source.labelWords).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const identity = [source.datasetId, source.split, source.total, source.baseModelId, source.promptTemplate, words];
  return createHash("sha256").update(JSON.stringify(identity)).digest("hex");
}

/** Queues one evaluation under a BullMQ job id (the id dedupes a repeat). */
export type EnqueueEvaluation = (evaluationId: string, jobId: string) => Promise<void>;

const enqueueEvaluation: EnqueueEvaluation = (evaluationId, jobId) => enqueue(QueueName.evaluate, jobId, { evaluationId });

export interface BaselineOptions {
  enqueue?: EnqueueEvaluation;
  log?: (message: string) => void;
}

const FAILED = ["failed", "cancelled"];

/**
 * Links an adapter evaluation to its baseline, creating and queueing the baseline when none with
 * its key exists, and queueing a failed one again. Returns the baseline's id, or null for an
 * evaluation of a base model or when the baseline could not be set up (logged, never thrown).
 */
export async function ensureBaseline(db: Db, evaluationId: string, options: BaselineOptions = {}): Promise<string | null> {
  const log = options.log ?? ((message: string) => console.error(`[worker] ${message}`));
  try {
    return await linkBaseline(db, evaluationId, options.enqueue ?? enqueueEvaluation);
  } catch (error) {
    log(`evaluation ${evaluationId}: no zero-shot baseline: ${(error as Error).message}`);
    return null;
  }
}

async function linkBaseline(db: Db, evaluationId: string, queue: EnqueueEvaluation): Promise<string | null> {
  const evaluation = await db.evaluation.findUniqueOrThrow({ where: { id: evaluationId }, include: { adapter: { include: { job: true } } } });
  if (!evaluation.adapter) return null;
  const dataset = await db.dataset.findUniqueOrThrow({ where: { id: evaluation.datasetId }, select: { labels: true } });
  const { template, labelWords } = resolvePrompting(evaluation, null, z.array(LabelValue).parse(dataset.labels));
  const source: BaselineSource = {
    datasetId: evaluation.datasetId,
    split: evaluation.split,
    total: evaluation.total,
    baseModelId: evaluation.adapter.baseModelId,
    promptTemplate: template,
    labelWords,
  };
  const baselineKey = baselineKeyOf(source);
  const isNewLink = evaluation.baselineId === null;

  let baseline = await db.evaluation.findUnique({ where: { baselineKey } });
  let isCreatedHere = false;
  if (!baseline) {
    try {
      baseline = await db.evaluation.create({
        data: {
          model: source.baseModelId,
          datasetId: source.datasetId,
          split: evaluation.split,
          fewShot: 0,
          total: source.total,
          promptTemplate: template,
          labelWords,
          baselineKey,
          createdById: evaluation.createdById,
        },
      });
      isCreatedHere = true;
    } catch (error) {
      // Another adapter evaluation created it between our read and our write: share that one.
      if ((error as { code?: string }).code !== "P2002") throw error;
      baseline = await db.evaluation.findUniqueOrThrow({ where: { baselineKey } });
    }
  }
  if (evaluation.baselineId !== baseline.id) {
    await db.evaluation.update({ where: { id: evaluationId }, data: { baselineId: baseline.id } });
  }

  if (baseline.status === "queued") {
    // Its creator may have died before queueing it; BullMQ ignores a second job with the same id.
    await queueOrRecord(db, baseline.id, baseline.id, queue);
    // Its creator's webhooks hear of it like any evaluation they start (once: when it is created).
    if (isCreatedHere) await announceEvaluationStatus(db, baseline.id, "queued");
  } else if (isNewLink && FAILED.includes(baseline.status)) {
    // A new adapter evaluation gives a failed baseline another go (its stored answers are kept);
    // the status condition makes two at once queue it once.
    const answered = await db.prediction.count({ where: { evaluationId: baseline.id } });
    const reopened = await db.evaluation.updateMany({
      where: { id: baseline.id, status: { in: FAILED as ("failed" | "cancelled")[] } },
      data: { status: "queued", error: Prisma.DbNull, finishedAt: null, completed: answered },
    });
    if (reopened.count > 0) {
      await queueOrRecord(db, baseline.id, `${baseline.id}-retry-${Date.now()}`, queue);
      await announceEvaluationStatus(db, baseline.id, "queued");
    }
  }
  return baseline.id;
}

async function queueOrRecord(db: Db, baselineId: string, jobId: string, queue: EnqueueEvaluation) {
  try {
    await queue(baselineId, jobId);
  } catch (error) {
    const message = `The zero-shot baseline could not be queued: ${(error as Error).message}`;
    await db.evaluation.updateMany({
      where: { id: baselineId, status: "queued" },
      data: { status: "failed", finishedAt: new Date(), error: { code: "queue_unavailable", message } },
    });
  }
}
