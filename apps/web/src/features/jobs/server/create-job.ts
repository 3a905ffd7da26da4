// POST /api/jobs: write the row as `queued` first, then enqueue its id (the BullMQ job id, so a
// repeated enqueue is a no-op). If Redis refuses, the row is removed: no orphan job.
import { CreateJobBody, DEFAULT_PROMPT_TEMPLATE, HYPERPARAMETER_PRESETS, Hyperparameters, LabelValue, presetForBaseModel, type Job } from "@loraboard/contracts";
import { getDb } from "@loraboard/db/server";
import { checkLabelWords, labelWordsForDataset, trainingWorkIssues } from "@loraboard/domain";
import { QueueName } from "@loraboard/queue";
import { z } from "zod";
import { enqueue } from "@loraboard/queue/server";
import { announceJobStatus } from "@loraboard/queue/webhooks";
import { ApiError } from "@/server/api-error";
import { rejectUnstorableText } from "@/server/storable-text";
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

async function nextAdapterName(slug: string): Promise<string> {
  const existing = await getDb().trainingJob.count({ where: { adapterName: { startsWith: `${slug}-v` } } });
  return `${slug}-v${existing + 1}`;
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

/** `createdById`: the account that starts it (null for the API_TOKEN). */
export async function createJob(input: unknown, createdById: string | null = null): Promise<CreatedJob> {
  const body = CreateJobBody.parse(input);
  rejectUnstorableText(body);
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

  // Defaults come from the base model: its label words, prompt template and, when no
  // hyperparameters are sent, its preset (a partial set takes the documented defaults for the rest).
  const recommendedWords = LabelWordsColumn.catch(null).parse(baseModel.labelWords ?? null);
  const { labelWords, warnings } = resolveLabelWords(body.labelWords, z.array(LabelValue).parse(dataset.labels), recommendedWords);
  const hyperparameters = body.hyperparameters
    ? Hyperparameters.parse(body.hyperparameters)
    : HYPERPARAMETER_PRESETS[presetForBaseModel(baseModel)].values;
  const workIssues = trainingWorkIssues(hyperparameters, { trainRows: splitCounts.train, valRows: splitCounts.val ?? 0 });
  if (workIssues.length > 0) {
    throw new ApiError(422, "invalid_request", "The job asks for more work than a job may do: see issues.", workIssues);
  }
  const name = body.name ?? `${dataset.name} r${hyperparameters.loraR} lr${hyperparameters.learningRate}`;
  const slug = slugify(body.name ?? dataset.name);

  // The version number can collide when two jobs of one name are created at once: retry.
  let row;
  for (let attempt = 0; ; attempt++) {
    try {
      row = await db.trainingJob.create({
        data: {
          name,
          status: "queued",
          datasetId: dataset.id,
          baseModelId: baseModel.id,
          hyperparameters,
          promptTemplate: body.promptTemplate ?? baseModel.promptTemplate ?? DEFAULT_PROMPT_TEMPLATE,
          labelWords,
          adapterName: await nextAdapterName(slug),
          createdById,
        },
        include: JOB_INCLUDE,
      });
      break;
    } catch (error) {
      if (attempt < 5 && (error as { code?: string }).code === "P2002") continue;
      throw error;
    }
  }

  try {
    await enqueue(QueueName.train, row.id, { trainingJobId: row.id });
  } catch {
    await db.trainingJob.delete({ where: { id: row.id } });
    throw new ApiError(503, "queue_unavailable", "The job queue (Redis) is not reachable; nothing was created. Try again.");
  }
  await announceJobStatus(db, row.id, "queued");
  return { ...serializeJob(row), warnings };
}
