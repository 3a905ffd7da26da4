// The adapter registry: Postgres says which adapters should be loaded (`shouldLoad`) and what the
// inference server last told us (`status`, `error`); these functions move both together. Shared
// by the worker (load on job success, reconcile) and the web API (load/unload buttons). Each
// adapter goes only to a server that serves its base model (servers.ts): one vLLM serves one.
import type { Db } from "@loraboard/db/server";
import { InferenceError, type InferenceClient } from "./client";
import { ServerMismatchError, servesBaseModel } from "./servers";
import type { ServedModel } from "./types";

type AdapterRow = NonNullable<Awaited<ReturnType<Db["adapter"]["findUnique"]>>>;

export interface LoadOutcome {
  adapter: AdapterRow;
  /** Set when the server refused or could not be reached; the row is `failed` with its message. */
  error?: InferenceError;
}

/** Loads one adapter under its name and records the outcome. Marks it as one that should be loaded. */
export async function loadAdapterRecord(
  db: Db,
  client: InferenceClient,
  adapterId: string,
  options: { served?: ServedModel[] } = {},
): Promise<LoadOutcome> {
  const row = await db.adapter.update({ where: { id: adapterId }, data: { status: "loading", shouldLoad: true, error: null } });
  try {
    // vLLM would load an adapter of another base model of the same shape and answer nonsense.
    const served = options.served ?? (await client.listModels());
    if (!servesBaseModel(served, row.baseModelId)) {
      throw new ServerMismatchError(row.baseModelId, client.baseUrl, served.filter((model) => !model.parent).map((model) => model.id));
    }
    await client.loadAdapter(row.name, row.path);
  } catch (error) {
    if (error instanceof InferenceError && error.kind === "already_loaded") {
      return { adapter: await markLoaded(db, adapterId) };
    }
    const inferenceError =
      error instanceof InferenceError ? error : new InferenceError("unavailable", `Loading failed: ${(error as Error).message}`);
    // `failed` is the server refusing the adapter (a person has to act); an unreachable server
    // leaves it `unloaded`, and reconcile loads it once the server answers.
    const status = inferenceError.kind === "unavailable" ? "unloaded" : "failed";
    const adapter = await db.adapter.update({ where: { id: adapterId }, data: { status, error: inferenceError.message } });
    return { adapter, error: inferenceError };
  }
  return { adapter: await markLoaded(db, adapterId) };
}

/** Unloads one adapter and records that it should stay unloaded (reconcile leaves it alone). */
export async function unloadAdapterRecord(db: Db, client: InferenceClient, adapterId: string): Promise<LoadOutcome> {
  const row = await db.adapter.update({ where: { id: adapterId }, data: { shouldLoad: false } });
  try {
    await client.unloadAdapter(row.name);
  } catch (error) {
    // Not loaded there (or the server is down, which forgets every adapter): unloaded either way.
    const isGone = error instanceof InferenceError && (error.kind === "not_loaded" || error.kind === "unavailable");
    if (!isGone) {
      const inferenceError =
        error instanceof InferenceError ? error : new InferenceError("unavailable", `Unloading failed: ${(error as Error).message}`);
      const adapter = await db.adapter.update({ where: { id: adapterId }, data: { error: inferenceError.message } });
      return { adapter, error: inferenceError };
    }
  }
  const adapter = await db.adapter.update({ where: { id: adapterId }, data: { status: "unloaded", error: null } });
  return { adapter };
}

export interface ReconcileReport {
  loaded: string[];
  failed: { name: string; message: string }[];
  unloaded: string[];
  /** Already in the state Postgres wants. */
  unchanged: number;
}

/**
 * Makes the server match Postgres: every adapter that should be loaded and is not listed by
 * GET /v1/models is loaded (vLLM forgets runtime-loaded adapters when it restarts); listed ones
 * are recorded as loaded; ones that should not be loaded but are listed are unloaded. Adapters
 * the server refused (`failed`) are retried only with `retryFailed` (a restart, a person's click).
 * Throws an InferenceError when the server cannot be reached.
 */
export async function reconcileAdapters(
  db: Db,
  client: InferenceClient,
  options: { retryFailed?: boolean; baseModelIds?: string[] } = {},
): Promise<ReconcileReport> {
  const servedModels = await client.listModels();
  const served = new Set(servedModels.map((model) => model.id));
  // Only the adapters of the base models this server is the server of (all, when not said).
  const where = options.baseModelIds ? { baseModelId: { in: options.baseModelIds } } : {};
  const rows = await db.adapter.findMany({ where, orderBy: { createdAt: "asc" } });
  const report: ReconcileReport = { loaded: [], failed: [], unloaded: [], unchanged: 0 };
  for (const row of rows) {
    const isServed = served.has(row.name);
    if (row.shouldLoad && !isServed && row.status === "failed" && !options.retryFailed) {
      report.unchanged += 1;
    } else if (row.shouldLoad && !isServed) {
      const outcome = await loadAdapterRecord(db, client, row.id, { served: servedModels });
      if (outcome.error) report.failed.push({ name: row.name, message: outcome.error.message });
      else report.loaded.push(row.name);
    } else if (row.shouldLoad && isServed) {
      if (row.status !== "loaded") await markLoaded(db, row.id);
      report.unchanged += 1;
    } else if (!row.shouldLoad && isServed) {
      await unloadAdapterRecord(db, client, row.id);
      report.unloaded.push(row.name);
    } else {
      if (row.status !== "unloaded") await db.adapter.update({ where: { id: row.id }, data: { status: "unloaded" } });
      report.unchanged += 1;
    }
  }
  return report;
}

/** When a server is down it serves nothing: its loaded adapters (those of `baseModelIds`, or all) are recorded as unloaded until reconcile. */
export async function markAllUnloaded(db: Db, reason: string, options: { baseModelIds?: string[] } = {}): Promise<number> {
  const result = await db.adapter.updateMany({
    where: { status: { in: ["loaded", "loading"] }, ...(options.baseModelIds ? { baseModelId: { in: options.baseModelIds } } : {}) },
    data: { status: "unloaded", error: reason },
  });
  return result.count;
}

function markLoaded(db: Db, adapterId: string) {
  return db.adapter.update({ where: { id: adapterId }, data: { status: "loaded", error: null, loadedAt: new Date() } });
}
