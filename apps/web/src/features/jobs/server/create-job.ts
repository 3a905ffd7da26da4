// POST /api/jobs: write the row as `queued` first, then enqueue its id (the BullMQ job id, so a
// repeated enqueue is a no-op). If Redis refuses, the row is removed: no orphan job. Sweeps make
// their jobs with the same pieces (resolveJobRequest, checkJobWork, insertJobs).
import {
  CreateJobBody,
  DEFAULT_PROMPT_TEMPLATE,
  HYPERPARAMETER_PRESETS,
  Hyperparameters,
  LabelValue,
  presetForBaseModel,
  type Job,
} from "@loraboard/contracts";
import { getDb, type Prisma } from "@loraboard/db/server";
import { checkLabelWords, labelWordsForDataset, trainingWorkIssues } from "@loraboard/domain";
import { QueueName } from "@loraboard/queue";
import { z } from "zod";
import { enqueue } from "@loraboard/queue/server";
import { announceJobStatus } from "@loraboard/queue/webhooks";
import { ApiError } from "@/server/api-error";
import { rejectUnstorableText } from "@/server/storable-text";
import { reserveActiveJobs } from "./active-job-cap";
import { JOB_INCLUDE, serializeJob } from "./serialize-job";

/** Lowercase ASCII slug for the adapter's model name; non-ASCII names fall back to "job". */
export function slugify(name: string): string {
  const slug = name
    .normalize("NFKD")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 40);
  return slug || "job";
}

/** A created job, and what deserves a look in its label words (a word that starts another). */
export type CreatedJob = Job & { warnings: string[] };

const LabelWordsColumn = z.record(z.string(), z.string()).nullable();

/** The dataset's label words: the request's, checked against its classes (422), or the base
 * model's recommended ones when they fit the dataset's classes, or the defaults. */
export function resolveLabelWords(requested: Record<string, string> | undefined, labels: LabelValue[], recommended?: Record<string, string> | null) {
  if (!requested) return { labelWords: labelWordsForDataset(labels, recommended), warnings: [] };
  const trimmed = Object.fromEntries(Object.entries(requested).map(([key, word]) => [key, word.trim()]));
  const check = checkLabelWords(trimmed, labels);
  if (check.errors.length > 0) {
    throw new ApiError(
      422,
      "invalid_request",
      `labelWords must map each of the dataset's ${labels.length} labels to its own word: ${check.errors[0]!.message}.`,
      check.errors.map((error) => ({ field: error.label === undefined ? "labelWords" : `labelWords.${error.label}`, message: error.message })),
    );
  }
  return { labelWords: trimmed, warnings: check.warnings };
}

/** A job request checked against its dataset and base model: what insertJobs writes. */
export interface ResolvedJob {
  dataset: { id: string; name: string; splitCounts: Record<string, number> };
  baseModel: { id: string; promptTemplate: string | null; preset: string | null };
  hyperparameters: Hyperparameters;
  promptTemplate: string;
  labelWords: Record<string, string>;
  warnings: string[];
}

/** Loads and checks what a job (or every job of a sweep) refers to: 404 for a missing dataset or model, 422 for bad label words. */
export async function resolveJobRequest(body: Omit<CreateJobBody, "name" | "hyperparameters">): Promise<Omit<ResolvedJob, "hyperparameters">> {
  const db = getDb();
  const [dataset, baseModel] = await Promise.all([
    db.dataset.findUnique({ where: { id: body.datasetId, deletedAt: null }, select: { id: true, name: true, splitCounts: true, labels: true } }),
    db.baseModel.findUnique({ where: { id: body.baseModelId } }),
  ]);
  if (!dataset) throw new ApiError(404, "dataset_not_found", `Dataset ${body.datasetId} does not exist.`);
  if (!baseModel) throw new ApiError(404, "base_model_not_found", `Base model ${body.baseModelId} does not exist.`);
  const splitCounts = dataset.splitCounts as Record<string, number>;
  if (!splitCounts.train) {
    throw new ApiError(422, "empty_train_split", `Dataset "${dataset.name}" has no training rows.`);
  }
  // Defaults come from the base model: its label words and prompt template (and, in createJob, its preset).
  const recommendedWords = LabelWordsColumn.catch(null).parse(baseModel.labelWords ?? null);
  const { labelWords, warnings } = resolveLabelWords(body.labelWords, z.array(LabelValue).parse(dataset.labels), recommendedWords);
  return {
    dataset: { id: dataset.id, name: dataset.name, splitCounts },
    baseModel,
    promptTemplate: body.promptTemplate ?? baseModel.promptTemplate ?? DEFAULT_PROMPT_TEMPLATE,
    labelWords,
    warnings,
  };
}

/** The full hyperparameters, refused (422) when the job would do more work than a job may;
 * `fieldOf` names an issue's field as the request put it (a sweep's `space.epochs`). */
export function checkJobWork(input: unknown, splitCounts: Record<string, number>, fieldOf = (field: string) => field): Hyperparameters {
  const hyperparameters = Hyperparameters.parse(input ?? {});
  const workIssues = trainingWorkIssues(hyperparameters, { trainRows: splitCounts.train ?? 0, valRows: splitCounts.val ?? 0 });
  if (workIssues.length > 0) {
    const issues = workIssues.map((issue) => ({ ...issue, field: fieldOf(issue.field) }));
    throw new ApiError(422, "invalid_request", "The job asks for more work than a job may do: see issues.", issues);
  }
  return hyperparameters;
}

export interface JobInsert {
  name: string;
  hyperparameters: Hyperparameters;
}

/**
 * Inserts the jobs as `queued` in one transaction (all or none), within the account's cap, under
 * adapter names `<slug>-v<N>` numbered on from the slug's existing ones. Returns the rows in order.
 */
export async function insertJobs(
  resolved: Omit<ResolvedJob, "hyperparameters" | "warnings">,
  jobs: JobInsert[],
  options: {
    slug: string;
    createdById: string | null;
    /** The sweep the jobs join (a retried job of a sweep). */
    sweepId?: string | null;
    /** Makes the group the jobs belong to (a sweep) in the same transaction; returns its id. */
    createSweep?: (tx: Prisma.TransactionClient) => Promise<string>;
  },
) {
  const db = getDb();
  // A version number can collide with jobs of one name created at once: the whole insert is retried.
  for (let attempt = 0; ; attempt++) {
    try {
      return await db.$transaction(async (tx) => {
        await reserveActiveJobs(tx, options.createdById, jobs.length);
        const sweepId = options.sweepId ?? (await options.createSweep?.(tx)) ?? null;
        const existing = await tx.trainingJob.count({ where: { adapterName: { startsWith: `${options.slug}-v` } } });
        const rows = [];
        for (const [index, job] of jobs.entries()) {
          rows.push(
            await tx.trainingJob.create({
              data: {
                name: job.name,
                status: "queued",
                datasetId: resolved.dataset.id,
                baseModelId: resolved.baseModel.id,
                hyperparameters: job.hyperparameters,
                promptTemplate: resolved.promptTemplate,
                labelWords: resolved.labelWords,
                adapterName: `${options.slug}-v${existing + index + 1}`,
                createdById: options.createdById,
                sweepId,
              },
              include: JOB_INCLUDE,
            }),
          );
        }
        return rows;
      });
    } catch (error) {
      if (attempt < 5 && (error as { code?: string }).code === "P2002") continue;
      throw error;
    }
  }
}

/** `createdById`: the account that starts it (null for the API_TOKEN); `sweepId`: the sweep a retry stays in. */
export async function createJob(input: unknown, createdById: string | null = null, sweepId: string | null = null): Promise<CreatedJob> {
  const body = CreateJobBody.parse(input);
  rejectUnstorableText(body);
  const resolved = await resolveJobRequest(body);
  // No hyperparameters: the base model's preset; a partial set takes the documented defaults for the rest.
  const requested = body.hyperparameters ?? HYPERPARAMETER_PRESETS[presetForBaseModel(resolved.baseModel)].values;
  const hyperparameters = checkJobWork(requested, resolved.dataset.splitCounts);
  const name = body.name ?? `${resolved.dataset.name} r${hyperparameters.loraR} lr${hyperparameters.learningRate}`;
  const [row] = await insertJobs(resolved, [{ name, hyperparameters }], { slug: slugify(body.name ?? resolved.dataset.name), createdById, sweepId });

  try {
    await enqueue(QueueName.train, row!.id, { trainingJobId: row!.id });
  } catch {
    await getDb().trainingJob.delete({ where: { id: row!.id } });
    throw new ApiError(503, "queue_unavailable", "The job queue (Redis) is not reachable; nothing was created. Try again.");
  }
  await announceJobStatus(getDb(), row!.id, "queued");
  return { ...serializeJob(row!), warnings: resolved.warnings };
}
