// TrainingJob rows → the API's Job shape. JSON columns are validated when read.
import { Hyperparameters, Job, JobError } from "@loraboard/contracts";
import type { TrainingJob } from "@loraboard/db/server";
import { z } from "zod";
import { CREATOR_SELECT, toCreator } from "@/server/audit/audit-log";

const LabelWordsColumn = z.record(z.string(), z.string());

export type JobRow = TrainingJob & {
  dataset?: { name: string } | null;
  adapter?: { id: string } | null;
  evaluations?: { id: string }[];
  createdBy?: { id: string; name: string; email: string } | null;
};

export function serializeJob(row: JobRow): Job {
  return {
    id: row.id,
    name: row.name,
    status: row.status,
    progress: row.progress,
    currentStep: row.currentStep,
    totalSteps: row.totalSteps,
    etaSeconds: row.etaSeconds,
    error: row.error ? JobError.parse(row.error) : null,
    adapterId: row.adapter?.id ?? null,
    evaluationId: row.evaluations?.[0]?.id ?? null,
    createdAt: row.createdAt.toISOString(),
    startedAt: row.startedAt?.toISOString() ?? null,
    finishedAt: row.finishedAt?.toISOString() ?? null,
    datasetId: row.datasetId,
    datasetName: row.dataset?.name,
    baseModelId: row.baseModelId,
    hyperparameters: Hyperparameters.parse(row.hyperparameters),
    promptTemplate: row.promptTemplate,
    labelWords: LabelWordsColumn.parse(row.labelWords),
    attempts: row.attempts,
    bestStep: row.bestStep,
    sweepId: row.sweepId,
    createdBy: toCreator(row.createdBy),
  };
}

/** What to load with a job so that serializeJob has everything. */
export const JOB_INCLUDE = {
  dataset: { select: { name: true } },
  adapter: { select: { id: true } },
  evaluations: { select: { id: true }, orderBy: { createdAt: "desc" as const }, take: 1 },
  createdBy: CREATOR_SELECT,
};
