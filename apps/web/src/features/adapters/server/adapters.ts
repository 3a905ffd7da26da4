// Adapters: the list (Postgres rows, checked against what their base model's inference server
// serves) and the load/unload actions, which call that server and record its answer through the
// shared registry.
import type { Adapter } from "@loraboard/contracts";
import { getDb } from "@loraboard/db/server";
import { loadAdapterRecord, unloadAdapterRecord } from "@loraboard/inference";
import { z } from "zod";
import { notFound } from "@/server/api-error";
import { forgetServedModels, getInferenceServers, inferenceFor, listServerStates, toApiError } from "./inference-client";
import { CREATOR_SELECT, toCreator } from "@/server/audit/audit-log";

const LabelWordsColumn = z.record(z.string(), z.string());

type AdapterRow = Awaited<ReturnType<typeof findAdapters>>[number];

function findAdapters(where: { id?: string; name?: string } = {}) {
  return getDb().adapter.findMany({
    where,
    orderBy: { createdAt: "desc" },
    include: {
      job: { select: { name: true, promptTemplate: true, labelWords: true } },
      baseModel: { select: { id: true, inferenceUrl: true } },
      createdBy: CREATOR_SELECT,
    },
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
  const [rows, servers] = await Promise.all([findAdapters(), listServerStates()]);
  const serverOf = new Map(servers.map((server) => [server.baseModelId, server]));
  const items = rows.map((row) => {
    const adapter = serializeAdapter(row);
    const server = serverOf.get(row.baseModelId);
    const servedNames = server?.models ? new Set(server.models.map((model) => model.id)) : null;
    // Its base model's server is the truth for "loaded": it forgets adapters when it restarts. A
    // load recorded after the server was asked (the worker's, say) is newer than that answer.
    const isLoadedSinceAsked = row.loadedAt !== null && server !== undefined && row.loadedAt > server.askedAt;
    if (servedNames && adapter.status === "loaded" && !servedNames.has(adapter.name) && !isLoadedSinceAsked) adapter.status = "unloaded";
    if (servedNames && adapter.status === "unloaded" && servedNames.has(adapter.name)) adapter.status = "loaded";
    if (!servedNames && adapter.status === "loaded") adapter.status = "unloaded";
    return adapter;
  });
  // `inference`: the servers of the listed adapters' base models all answer (with no adapter, INFERENCE_URL's).
  const defaultUrl = getInferenceServers().urlOf({ id: "", inferenceUrl: null });
  const adapterServers = servers.filter((server) => rows.some((row) => row.baseModelId === server.baseModelId));
  const relevant = adapterServers.length > 0 ? adapterServers : servers.filter((server) => server.url === defaultUrl);
  const isUp = relevant.length > 0 ? relevant.every((server) => server.models !== null) : servers.some((server) => server.models !== null);
  return { items, nextCursor: null, inference: isUp ? ("ok" as const) : ("down" as const) };
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

/** Loads the adapter into its base model's own server (409 inference_server_mismatch when that URL serves another). */
export async function loadAdapter(id: string): Promise<Adapter> {
  const row = await getAdapter(id);
  const client = inferenceFor(row.baseModel);
  const outcome = await loadAdapterRecord(getDb(), client, id);
  forgetServedModels();
  if (outcome.error) throw toApiError(outcome.error, client.baseUrl);
  return serializeAdapter(await getAdapter(id));
}

export async function unloadAdapter(id: string): Promise<Adapter> {
  const row = await getAdapter(id);
  const client = inferenceFor(row.baseModel);
  const outcome = await unloadAdapterRecord(getDb(), client, id);
  forgetServedModels();
  if (outcome.error) throw toApiError(outcome.error, client.baseUrl);
  return serializeAdapter(await getAdapter(id));
}
