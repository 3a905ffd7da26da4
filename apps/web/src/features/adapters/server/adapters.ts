// Adapters: the list (Postgres rows, checked against what the inference server serves) and the
// load/unload actions, which call the server and record its answer through the shared registry.
import type { Adapter } from "@loraboard/contracts";
import { getDb } from "@loraboard/db/server";
import { loadAdapterRecord, unloadAdapterRecord } from "@loraboard/inference";
import { z } from "zod";
import { notFound } from "@/server/api-error";
import { forgetServedModels, getInferenceClient, listServedModels, toApiError } from "./inference-client";
import { CREATOR_SELECT, toCreator } from "@/server/audit/audit-log";

const LabelWordsColumn = z.record(z.string(), z.string());

type AdapterRow = Awaited<ReturnType<typeof findAdapters>>[number];

function findAdapters(where: { id?: string; name?: string } = {}) {
  return getDb().adapter.findMany({
    where,
    orderBy: { createdAt: "desc" },
    include: { job: { select: { name: true, promptTemplate: true, labelWords: true } }, createdBy: CREATOR_SELECT },
  });
}

export function serializeAdapter(row: AdapterRow): Adapter {
  const labelWords = LabelWordsColumn.safeParse(row.job.labelWords);
  return {
    id: row.id,
    name: row.name,
    jobId: row.jobId,
    jobName: row.job.name,
    baseModelId: row.baseModelId,
    path: row.path,
    status: row.status,
    shouldLoad: row.shouldLoad,
    error: row.error,
    createdAt: row.createdAt.toISOString(),
    loadedAt: row.loadedAt?.toISOString() ?? null,
    createdBy: toCreator(row.createdBy),
    promptTemplate: row.job.promptTemplate,
    ...(labelWords.success ? { labelWords: labelWords.data } : {}),
  };
}

export async function listAdapters() {
  const [rows, { models: served, askedAt }] = await Promise.all([findAdapters(), listServedModels()]);
  const servedNames = served ? new Set(served.map((model) => model.id)) : null;
  const items = rows.map((row) => {
    const adapter = serializeAdapter(row);
    // The server is the truth for "loaded": it forgets adapters when it restarts. A load recorded
    // after the server was asked (the worker's, say) is newer than that answer.
    const isLoadedSinceAsked = row.loadedAt !== null && row.loadedAt > askedAt;
    if (servedNames && adapter.status === "loaded" && !servedNames.has(adapter.name) && !isLoadedSinceAsked) adapter.status = "unloaded";
    if (servedNames && adapter.status === "unloaded" && servedNames.has(adapter.name)) adapter.status = "loaded";
    if (!servedNames && adapter.status === "loaded") adapter.status = "unloaded";
    return adapter;
  });
  return { items, nextCursor: null, inference: served ? ("ok" as const) : ("down" as const) };
}

export async function getAdapter(id: string) {
  const [row] = await findAdapters({ id });
  if (!row) throw notFound(`Adapter ${id}`);
  return row;
}

export async function findAdapterByName(name: string) {
  const [row] = await findAdapters({ name });
  return row ?? null;
}

export async function loadAdapter(id: string): Promise<Adapter> {
  await getAdapter(id);
  const outcome = await loadAdapterRecord(getDb(), getInferenceClient(), id);
  forgetServedModels();
  if (outcome.error) throw toApiError(outcome.error);
  return serializeAdapter(await getAdapter(id));
}

export async function unloadAdapter(id: string): Promise<Adapter> {
  await getAdapter(id);
  const outcome = await unloadAdapterRecord(getDb(), getInferenceClient(), id);
  forgetServedModels();
  if (outcome.error) throw toApiError(outcome.error);
  return serializeAdapter(await getAdapter(id));
}
