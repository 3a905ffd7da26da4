// One inference server per base model: vLLM serves one base model (and that model's adapters), so
// every call about a model goes to the server of its base model (`base_models.inferenceUrl`).
// Shared by the web API (playground, adapter load/unload, health) and the worker (evaluations,
// loading a trained adapter, reconcile).
import type { Db } from "@loraboard/db/server";
import { InferenceClient, InferenceError } from "./client";
import type { InferenceClientOptions, ServedModel } from "./types";

/** The columns of a base model that say where it is served. */
export interface ServedBaseModel {
  id: string;
  inferenceUrl: string | null;
}

/** A model name the inference servers know (an adapter's name or a base model's id), resolved. */
export interface ResolvedModel {
  kind: "adapter" | "base";
  /** The base model it is (or was trained on). */
  baseModelId: string;
  client: InferenceClient;
}

/** Thrown when a server does not serve the base model it is asked about (misconfigured URL). */
export class ServerMismatchError extends InferenceError {
  constructor(
    readonly baseModelId: string,
    readonly url: string,
    readonly servedBases: string[],
  ) {
    super(
      "server_mismatch",
      `The inference server at ${url} serves ${servedBases.length ? servedBases.join(", ") : "no base model"}, not ${baseModelId}: ` +
        `an adapter of ${baseModelId} is only sent to ${baseModelId}'s own server (fix its inferenceUrl, or start that server).`,
      409,
    );
    this.name = "ServerMismatchError";
  }
}

export interface InferenceServers {
  /** The server's URL for a base model: its own, or the default (INFERENCE_URL) on older rows. */
  urlOf: (baseModel: ServedBaseModel) => string;
  /** The client of a base model's own server. */
  inferenceFor: (baseModel: ServedBaseModel) => InferenceClient;
  clientFor: (url: string) => InferenceClient;
  /** The adapter's or base model's server, or null when no such model is registered. */
  resolveModel: (db: Db, name: string) => Promise<ResolvedModel | null>;
  /** Every base model with its server's URL and client, grouped so each server appears once per model. */
  listServers: (db: Db) => Promise<{ baseModelId: string; url: string; client: InferenceClient }[]>;
  /** Throws ServerMismatchError when `served` (that server's /v1/models) lacks the base model. */
  checkServes: (baseModel: ServedBaseModel, served: ServedModel[]) => void;
}

export function createInferenceServers(options: { defaultUrl: string; client?: Omit<InferenceClientOptions, "baseUrl"> }): InferenceServers {
  const clients = new Map<string, InferenceClient>();
  const normalize = (url: string) => url.replace(/\/+$/, "").replace(/\/v1$/, "");
  const clientFor = (url: string) => {
    const key = normalize(url);
    let client = clients.get(key);
    if (!client) {
      client = new InferenceClient({ ...options.client, baseUrl: key });
      clients.set(key, client);
    }
    return client;
  };
  const urlOf = (baseModel: ServedBaseModel) => normalize(baseModel.inferenceUrl || options.defaultUrl);
  const inferenceFor = (baseModel: ServedBaseModel) => clientFor(urlOf(baseModel));

  return {
    urlOf,
    inferenceFor,
    clientFor,
    async resolveModel(db, name) {
      const adapter = await db.adapter.findUnique({ where: { name }, select: { baseModel: { select: { id: true, inferenceUrl: true } } } });
      if (adapter) return { kind: "adapter", baseModelId: adapter.baseModel.id, client: inferenceFor(adapter.baseModel) };
      const baseModel = await db.baseModel.findUnique({ where: { id: name }, select: { id: true, inferenceUrl: true } });
      if (baseModel) return { kind: "base", baseModelId: baseModel.id, client: inferenceFor(baseModel) };
      return null;
    },
    async listServers(db) {
      const rows = await db.baseModel.findMany({ orderBy: { createdAt: "asc" }, select: { id: true, inferenceUrl: true } });
      return rows.map((row) => ({ baseModelId: row.id, url: urlOf(row), client: inferenceFor(row) }));
    },
    checkServes(baseModel, served) {
      if (servesBaseModel(served, baseModel.id)) return;
      throw new ServerMismatchError(baseModel.id, urlOf(baseModel), served.filter((model) => !model.parent).map((model) => model.id));
    },
  };
}

/** A server serves a base model when it lists it under its id (--served-model-name). */
export function servesBaseModel(served: ServedModel[], baseModelId: string): boolean {
  return served.some((model) => !model.parent && model.id === baseModelId);
}
