// Reading sweeps: the list with each one's job counts, and one sweep with its jobs ranked live by
// its metric and their validation curves. A sweep's status is read from its jobs.
import { Hyperparameters, SweepListQuery, SweepMetric, SweepSpace, type JobStatus, type Sweep, type SweepCurvePoint, type SweepDetail } from "@loraboard/contracts";
import { getDb, type Prisma } from "@loraboard/db/server";
import { z } from "zod";
import { notFound } from "@/server/api-error";
import { CREATOR_SELECT, toCreator } from "@/server/audit/audit-log";
import { JOB_INCLUDE, serializeJob } from "@/features/jobs/server/serialize-job";
import { rankByMetric, scoresOf } from "./rank-sweep-jobs";

const SpaceColumn = SweepSpace.extend({ samples: z.number().int().optional(), seed: z.number().int().optional() });
const SWEEP_INCLUDE = { dataset: { select: { name: true } }, createdBy: CREATOR_SELECT } as const;
type SweepRow = Prisma.SweepGetPayload<{ include: typeof SWEEP_INCLUDE }>;

export const ACTIVE_JOB_STATUSES: JobStatus[] = ["queued", "running", "evaluating"];

/** Running while a job can still change (a cancelled sweep's running job stops soon, a retried one
 * runs again), then cancelled, or succeeded when one job at least did. */
function statusOf(row: SweepRow, counts: Partial<Record<JobStatus, number>>): Sweep["status"] {
  if (ACTIVE_JOB_STATUSES.some((status) => (counts[status] ?? 0) > 0)) return "running";
  if (row.status === "cancelled") return "cancelled";
  return (counts.succeeded ?? 0) > 0 ? "succeeded" : "failed";
}

function serializeSweep(row: SweepRow, counts: Partial<Record<JobStatus, number>>): Sweep {
  const { samples, seed, ...space } = SpaceColumn.parse(row.space);
  return {
    id: row.id,
    name: row.name,
    datasetId: row.datasetId,
    datasetName: row.dataset?.name,
    baseModelId: row.baseModelId,
    strategy: row.strategy,
    space,
    samples: samples ?? null,
    seed: seed ?? 0,
    metric: SweepMetric.parse(row.metric),
    status: statusOf(row, counts),
    jobCounts: counts,
    jobCount: Object.values(counts).reduce((sum, count) => sum + (count ?? 0), 0),
    winnerJobId: row.winnerJobId,
    createdAt: row.createdAt.toISOString(),
    createdBy: toCreator(row.createdBy),
  };
}

async function jobCountsOf(sweepIds: string[]) {
  const groups = await getDb().trainingJob.groupBy({ by: ["sweepId", "status"], where: { sweepId: { in: sweepIds } }, _count: { _all: true } });
  const counts = new Map<string, Partial<Record<JobStatus, number>>>(sweepIds.map((id) => [id, {}]));
  for (const group of groups) counts.get(group.sweepId!)![group.status] = group._count._all;
  return counts;
}

export async function listSweeps(query: z.infer<typeof SweepListQuery>) {
  const rows = await getDb().sweep.findMany({
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: query.limit + 1,
    ...(query.cursor ? { cursor: { id: query.cursor }, skip: 0 } : {}),
    include: SWEEP_INCLUDE,
  });
  const page = rows.slice(0, query.limit);
  const counts = await jobCountsOf(page.map((row) => row.id));
  return { items: page.map((row) => serializeSweep(row, counts.get(row.id)!)), nextCursor: rows.length > query.limit ? rows[query.limit]!.id : null };
}

/** One sweep: its jobs ranked by the metric, each with its validation curve (eval points only). */
export async function getSweep(id: string): Promise<SweepDetail> {
  const db = getDb();
  const row = await db.sweep.findUnique({ where: { id }, include: SWEEP_INCLUDE });
  if (!row) throw notFound(`Sweep ${id}`);
  const jobs = await db.trainingJob.findMany({ where: { sweepId: id }, orderBy: [{ createdAt: "asc" }, { adapterName: "asc" }], include: JOB_INCLUDE });
  const points = await db.jobMetric.findMany({
    where: { jobId: { in: jobs.map((job) => job.id) }, OR: [{ evalLoss: { not: null } }, { evalAccuracy: { not: null } }] },
    orderBy: { step: "asc" },
    select: { jobId: true, step: true, evalLoss: true, evalAccuracy: true },
  });
  const curves = new Map<string, SweepCurvePoint[]>(jobs.map((job) => [job.id, []]));
  for (const { jobId, ...point } of points) curves.get(jobId)!.push(point);

  const space = SpaceColumn.parse(row.space);
  const varied = (Object.keys(space) as string[]).filter((key) => key !== "samples" && key !== "seed");
  const metric = SweepMetric.parse(row.metric);
  const ranked = rankByMetric(
    metric,
    jobs.map((job) => {
      const curve = curves.get(job.id)!;
      const hyperparameters = Hyperparameters.parse(job.hyperparameters);
      const overrides = Object.fromEntries(varied.map((key) => [key, hyperparameters[key as keyof Hyperparameters]]));
      return { ...scoresOf(curve), overrides, curve, job: serializeJob(job) };
    }),
  );
  const counts: Partial<Record<JobStatus, number>> = {};
  for (const job of jobs) counts[job.status] = (counts[job.status] ?? 0) + 1;
  const best = ranked.find((entry) => entry.rank !== null && !["failed", "cancelled"].includes(entry.job.status));
  return { ...serializeSweep(row, counts), jobs: ranked, bestJobId: best?.job.id ?? null };
}
