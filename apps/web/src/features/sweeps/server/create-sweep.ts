// POST /api/sweeps: the search space expands into ordinary jobs (one per hyperparameter set), all
// written with their sweep in one transaction, within the account's cap, then enqueued. Every job
// trains on the dataset's one stored split. If Redis refuses, everything written is removed.
import { CreateSweepBody, Hyperparameters, type SweepDetail } from "@loraboard/contracts";
import { getDb } from "@loraboard/db/server";
import { describeOverrides, expandSweep, sweepPlanIssues } from "@loraboard/domain";
import { QueueName } from "@loraboard/queue";
import { enqueue, getQueue } from "@loraboard/queue/server";
import { announceJobStatus } from "@loraboard/queue/webhooks";
import { ApiError } from "@/server/api-error";
import { rejectUnstorableText } from "@/server/storable-text";
import { checkJobWork, insertJobs, resolveJobRequest, slugify } from "@/features/jobs/server/create-job";
import { getSweep } from "./query-sweeps";

export async function createSweep(input: unknown, createdById: string | null = null): Promise<SweepDetail> {
  const body = CreateSweepBody.parse(input);
  rejectUnstorableText(body);
  if (body.strategy === "random" && body.samples === undefined) {
    throw new ApiError(422, "invalid_request", "A random sweep needs samples: see issues.", [
      { field: "samples", message: "give samples: how many combinations to draw (at most 16)" },
    ]);
  }
  const plan = { strategy: body.strategy, samples: body.samples, seed: body.seed };
  const planIssues = sweepPlanIssues(body.space, plan);
  if (planIssues.length > 0) throw new ApiError(422, "invalid_request", planIssues[0]!.message, planIssues);

  const resolved = await resolveJobRequest(body);
  const name = body.name ?? `${resolved.dataset.name} sweep`;
  const base = Hyperparameters.partial().parse(body.hyperparameters ?? {});
  const jobs = expandSweep(body.space, plan).map((overrides) => ({
    name: `${name} · ${describeOverrides(overrides)}`,
    // An issue names the space when the sweep chose the value, the base hyperparameters otherwise.
    hyperparameters: checkJobWork({ ...base, ...overrides }, resolved.dataset.splitCounts, (field) => {
      const key = field.split(".")[1] as keyof typeof overrides;
      return key in overrides ? `space.${key}` : field;
    }),
  }));

  let sweepId = "";
  const rows = await insertJobs(resolved, jobs, {
    slug: slugify(name),
    createdById,
    createSweep: async (tx) => {
      const sweep = await tx.sweep.create({
        data: {
          name,
          datasetId: resolved.dataset.id,
          baseModelId: resolved.baseModel.id,
          strategy: body.strategy,
          space: { ...body.space, ...(body.strategy === "random" ? { samples: body.samples, seed: body.seed } : {}) },
          metric: body.metric,
          createdById,
        },
      });
      sweepId = sweep.id;
      return sweep.id;
    },
  });

  const enqueued: string[] = [];
  try {
    for (const row of rows) {
      await enqueue(QueueName.train, row.id, { trainingJobId: row.id });
      enqueued.push(row.id);
    }
  } catch {
    const queue = getQueue(QueueName.train);
    await Promise.all(enqueued.map((id) => queue.remove(id).catch(() => undefined)));
    await getDb().$transaction([
      getDb().trainingJob.deleteMany({ where: { sweepId } }),
      getDb().sweep.delete({ where: { id: sweepId } }),
    ]);
    throw new ApiError(503, "queue_unavailable", "The job queue (Redis) is not reachable; nothing was created. Try again.");
  }
  for (const row of rows) await announceJobStatus(getDb(), row.id, "queued");
  return getSweep(sweepId);
}
