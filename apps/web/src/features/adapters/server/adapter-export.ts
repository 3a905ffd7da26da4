// Taking an adapter away: the peft folder as a zip, and the merged model (made by the worker's
// `merge` queue, never here: the web app runs no Python). The merged folder appears on disk only
// when complete (the merge renames it into place), so "on disk" means ready; until then the
// queue's job is the state, and its failure reason the error.
import { existsSync } from "node:fs";
import { readFile, readdir, stat } from "node:fs/promises";
import path from "node:path";
import type { AdapterExport, MergedModelStatus } from "@loraboard/contracts";
import { getDb } from "@loraboard/db/server";
import { enqueue, getQueue, mergedModelDir, QueueName } from "@loraboard/queue/server";
import { ApiError, notFound } from "@/server/api-error";
import { getWebEnv } from "@/server/env";
import { planZip, zipStream } from "./zip-stream";
import { mergedFolderName, vllmAdapterCommand, vllmMergedCommand } from "./vllm-commands";

async function findAdapter(id: string) {
  const row = await getDb().adapter.findUnique({ where: { id }, include: { baseModel: { select: { id: true, path: true } } } });
  if (!row) throw notFound(`Adapter ${id}`);
  return row;
}
type AdapterRow = Awaited<ReturnType<typeof findAdapter>>;

const dataDir = () => path.resolve(getWebEnv().DATA_DIR);
const adapterDir = (row: AdapterRow) => path.resolve(dataDir(), row.path);
const mergedDir = (row: AdapterRow) => mergedModelDir(dataDir(), row.name);
const isMergedReady = (row: AdapterRow) => existsSync(path.join(mergedDir(row), "config.json"));

function requireAdapterFiles(row: AdapterRow) {
  if (!existsSync(path.join(adapterDir(row), "adapter_config.json"))) {
    throw new ApiError(404, "not_found", `The files of adapter ${row.name} are not on disk (expected in ${row.path}); it cannot be downloaded or merged.`);
  }
}

async function readRank(row: AdapterRow): Promise<number | null> {
  try {
    const config = JSON.parse(await readFile(path.join(adapterDir(row), "adapter_config.json"), "utf8")) as { r?: unknown };
    return typeof config.r === "number" ? config.r : null;
  } catch {
    return null;
  }
}

async function folderBytes(dir: string) {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  const sizes = await Promise.all(entries.filter((e) => e.isFile()).map((e) => stat(path.join(e.parentPath, e.name)).then((s) => s.size)));
  return sizes.reduce((sum, size) => sum + size, 0);
}

async function mergeState(row: AdapterRow): Promise<{ status: MergedModelStatus; error: string | null }> {
  if (isMergedReady(row)) return { status: "ready", error: null };
  const job = await getQueue(QueueName.merge).getJob(row.id);
  const state = job ? await job.getState() : "unknown";
  if (state === "active") return { status: "merging", error: null };
  if (state === "failed") return { status: "failed", error: job?.failedReason || "The merge failed." };
  if (state === "waiting" || state === "delayed" || state === "prioritized" || state === "waiting-children") return { status: "queued", error: null };
  return { status: "none", error: null }; // never merged, or merged and since deleted from disk
}

export async function getAdapterExport(id: string): Promise<AdapterExport> {
  const row = await findAdapter(id);
  const { status, error } = await mergeState(row);
  const base = `/api/adapters/${encodeURIComponent(row.id)}`;
  return {
    adapterId: row.id,
    adapterName: row.name,
    adapter: {
      downloadUrl: `${base}/download`,
      vllmCommand: vllmAdapterCommand({ basePath: row.baseModel.path, baseName: row.baseModel.id, adapterName: row.name, rank: await readRank(row) }),
    },
    merged: {
      status,
      error,
      bytes: status === "ready" ? await folderBytes(mergedDir(row)) : null,
      downloadUrl: status === "ready" ? `${base}/merged/download` : null,
      vllmCommand: status === "ready" ? vllmMergedCommand(row.name) : null,
    },
  };
}

/** Idempotent: a ready, queued or running merge is left alone; a failed or vanished one starts again. */
export async function startMerge(id: string): Promise<AdapterExport> {
  const row = await findAdapter(id);
  requireAdapterFiles(row);
  const { status } = await mergeState(row);
  if (status === "none" || status === "failed") {
    // The old job (failed, or completed before its folder was deleted) holds the id: remove it first.
    await (await getQueue(QueueName.merge).getJob(row.id))?.remove();
    await enqueue(QueueName.merge, row.id, { adapterId: row.id });
  }
  return getAdapterExport(id);
}

function zipResponse(plan: Awaited<ReturnType<typeof planZip>>, filename: string) {
  return new Response(zipStream(plan), {
    headers: {
      "content-type": "application/zip",
      "content-length": String(plan.length),
      "content-disposition": `attachment; filename="${filename.replace(/[^\w.-]/g, "_")}"`,
    },
  });
}

export async function downloadAdapter(id: string): Promise<Response> {
  const row = await findAdapter(id);
  requireAdapterFiles(row);
  return zipResponse(await planZip(adapterDir(row), row.name), `${row.name}.zip`);
}

export async function downloadMergedModel(id: string): Promise<Response> {
  const row = await findAdapter(id);
  if (!isMergedReady(row)) {
    throw new ApiError(404, "not_found", `Adapter ${row.name} has no merged model yet: POST /api/adapters/${row.id}/merged makes one.`);
  }
  const folder = mergedFolderName(row.name);
  return zipResponse(await planZip(mergedDir(row), folder), `${folder}.zip`);
}
