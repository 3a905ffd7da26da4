// Reading jobs, their metrics and their log lines.
import { JobListQuery, JobMetricsQuery, type Job, type JobLogLine, type JobMetricPoint } from "@loraboard/contracts";
import { getDb } from "@loraboard/db/server";
import { z } from "zod";
import { notFound } from "@/server/api-error";
import { getWebEnv } from "@/server/env";
import { jobDiskUsage } from "./job-files";
import { JOB_INCLUDE, serializeJob } from "./serialize-job";

export async function listJobs(query: z.infer<typeof JobListQuery>) {
  const rows = await getDb().trainingJob.findMany({
    where: query.status ? { status: query.status } : undefined,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: query.limit + 1,
    ...(query.cursor ? { cursor: { id: query.cursor }, skip: 0 } : {}),
    include: JOB_INCLUDE,
  });
  const hasMore = rows.length > query.limit;
  const items = rows.slice(0, query.limit).map(serializeJob);
  return { items, nextCursor: hasMore ? rows[query.limit]!.id : null };
}

/** One job, with what it occupies on disk (`diskBytes`: its directory and its adapter). */
export async function getJob(id: string): Promise<Job> {
  const row = await getDb().trainingJob.findUnique({ where: { id }, include: { ...JOB_INCLUDE, adapter: { select: { id: true, path: true } } } });
  if (!row) throw notFound(`Job ${id}`);
  const diskBytes = await jobDiskUsage(getWebEnv().DATA_DIR, { id, adapterPath: row.adapter?.path }).catch(() => undefined);
  return { ...serializeJob(row), diskBytes };
}

export async function getJobMetrics(id: string, query: z.infer<typeof JobMetricsQuery>): Promise<JobMetricPoint[]> {
  const db = getDb();
  if (!(await db.trainingJob.findUnique({ where: { id }, select: { id: true } }))) throw notFound(`Job ${id}`);
  const rows = await db.jobMetric.findMany({
    where: { jobId: id, step: { gt: query.afterStep } },
    orderBy: { step: "asc" },
    select: {
      step: true, epoch: true, loss: true, gradNorm: true, learningRate: true,
      evalLoss: true, evalAccuracy: true, evalMacroF1: true,
    },
  });
  // Eval fields only on eval points (absent, not null, elsewhere).
  const points = rows.map((row) => ({
    ...row,
    evalLoss: row.evalLoss ?? undefined,
    evalAccuracy: row.evalAccuracy ?? undefined,
    evalMacroF1: row.evalMacroF1 ?? undefined,
  }));
  return query.maxPoints ? downsampleMetrics(points, query.maxPoints) : points;
}

/**
 * Keeps at most `maxPoints` training points, evenly spaced (first and last kept), averaging the
 * loss over each bucket so the curve's level is preserved; every eval point is always kept.
 */
export function downsampleMetrics(points: JobMetricPoint[], maxPoints: number): JobMetricPoint[] {
  if (points.length <= maxPoints) return points;
  const bucketSize = Math.ceil(points.length / maxPoints);
  const result: JobMetricPoint[] = [];
  for (let start = 0; start < points.length; start += bucketSize) {
    const bucket = points.slice(start, start + bucketSize);
    const losses = bucket.map((p) => p.loss).filter((v): v is number => v !== null);
    const last = bucket[bucket.length - 1]!;
    result.push({
      ...last,
      loss: losses.length ? losses.reduce((a, b) => a + b, 0) / losses.length : null,
      evalLoss: undefined,
      evalAccuracy: undefined,
      evalMacroF1: undefined,
    });
    for (const point of bucket) {
      if (point.evalLoss !== undefined && point.evalLoss !== null) {
        const kept = result[result.length - 1]!;
        if (kept.step === point.step) Object.assign(kept, pickEval(point));
        else result.splice(result.length - 1, 0, point);
      }
    }
  }
  return result;
}

function pickEval(point: JobMetricPoint) {
  return { evalLoss: point.evalLoss, evalAccuracy: point.evalAccuracy, evalMacroF1: point.evalMacroF1 };
}

/** The query of GET /api/jobs/:id/logs (JobLogLinesQuery) with its line id as a number. */
export async function getJobLogs(id: string, query: { afterId?: bigint; limit: number }) {
  const db = getDb();
  if (!(await db.trainingJob.findUnique({ where: { id }, select: { id: true } }))) throw notFound(`Job ${id}`);
  const rows = await db.jobLogLine.findMany({
    where: { jobId: id, ...(query.afterId !== undefined ? { id: { gt: query.afterId } } : {}) },
    orderBy: { id: "asc" },
    take: query.limit + 1,
  });
  const items: JobLogLine[] = rows.slice(0, query.limit).map((row) => ({
    id: row.id.toString(),
    stream: row.stream,
    line: row.line,
    createdAt: row.createdAt.toISOString(),
  }));
  return { items, nextCursor: rows.length > query.limit ? items[items.length - 1]!.id : null };
}
