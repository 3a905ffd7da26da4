// Serving from the worker's side: a job that succeeded gets its adapter loaded at once into its
// base model's own server, and every server is watched so that, after one restarts (and forgets
// every runtime-loaded adapter), everything Postgres says should be loaded there is loaded again.
import type { Db } from "@loraboard/db/server";
import { createInferenceServers, loadAdapterRecord, markAllUnloaded, reconcileAdapters, type InferenceServers } from "@loraboard/inference";

export interface AdapterServingOptions {
  db: Db;
  /** INFERENCE_URL: the server of base models registered without their own. */
  defaultUrl: string;
  /** How often each server's /health is polled. */
  pollIntervalMs?: number;
  log?: (line: string) => void;
}

export interface AdapterServing {
  servers: InferenceServers;
  /** TrainingContext.onSucceeded: loads the job's adapter under its versioned name. */
  onJobSucceeded: (trainingJobId: string) => Promise<void>;
  /** Reconciles now (each server that answers) and then on every down→up transition. */
  start: () => void;
  /** Resolves once a reconcile in flight has finished. */
  stop: () => Promise<void>;
  /** One health check per server, then a reconcile (a full one when it is back or on the first check). */
  tick: () => Promise<void>;
}

export function createAdapterServing(options: AdapterServingOptions): AdapterServing {
  const { db } = options;
  const log = options.log ?? ((line: string) => console.log(`[serving] ${line}`));
  const servers = createInferenceServers({ defaultUrl: options.defaultUrl, client: { maxRetries: 1 } });
  const pollIntervalMs = options.pollIntervalMs ?? 10_000;
  // Per server URL; absent: not checked yet, so the first healthy answer reconciles (worker start).
  const wasHealthy = new Map<string, boolean>();
  let timer: NodeJS.Timeout | undefined;
  let inFlight: Promise<void> = Promise.resolve();
  let isStopped = false;

  // On start and when a server comes back everything is retried (adapters it refused too); on
  // other healthy ticks only what is missing and not refused, and only changes are logged.
  const reconcile = async (url: string, baseModelIds: string[], isTransition: boolean) => {
    try {
      const report = await reconcileAdapters(db, servers.clientFor(url), { retryFailed: isTransition, baseModelIds });
      const hasChanges = report.loaded.length + report.unloaded.length + report.failed.length > 0;
      if (!isTransition && !hasChanges) return;
      const failures = report.failed.map((failure) => `${failure.name} (${failure.message})`);
      log(
        `reconciled ${url} (${baseModelIds.join(", ")}): ${report.loaded.length} loaded${report.loaded.length ? ` [${report.loaded.join(", ")}]` : ""}, ` +
          `${report.unloaded.length} unloaded, ${report.failed.length} failed${failures.length ? ` [${failures.join("; ")}]` : ""}, ${report.unchanged} unchanged`,
      );
    } catch (error) {
      log(`reconcile of ${url} failed: ${(error as Error).message}`);
      wasHealthy.set(url, false); // everything is retried on its next healthy tick
    }
  };

  const tickServer = async (url: string, baseModelIds: string[]) => {
    const isHealthy = await servers.clientFor(url).isHealthy(3000);
    const was = wasHealthy.get(url);
    if (isHealthy && was !== true) {
      log(was === undefined ? `inference server at ${url} (${baseModelIds.join(", ")}) is up: reconciling` : `inference server at ${url} is back: reconciling`);
      wasHealthy.set(url, true);
      await reconcile(url, baseModelIds, true);
    } else if (isHealthy) {
      await reconcile(url, baseModelIds, false);
    } else if (was !== false) {
      log(`inference server at ${url} (${baseModelIds.join(", ")}) is not answering /health`);
      wasHealthy.set(url, false);
      await markAllUnloaded(db, "Its inference server is down; this adapter is loaded again when it returns.", { baseModelIds }).catch(
        (error: Error) => log(`could not record the outage: ${error.message}`),
      );
    }
  };

  // Each server once, with the base models it serves; servers are checked side by side.
  const tick = async () => {
    const byUrl = new Map<string, string[]>();
    for (const { baseModelId, url } of await servers.listServers(db)) byUrl.set(url, [...(byUrl.get(url) ?? []), baseModelId]);
    await Promise.all([...byUrl].map(([url, baseModelIds]) => tickServer(url, baseModelIds)));
  };

  const schedule = () => {
    if (isStopped) return;
    timer = setTimeout(() => {
      inFlight = tick()
        .catch((error: Error) => log(`health check failed: ${error.message}`))
        .finally(schedule);
    }, pollIntervalMs);
  };

  return {
    servers,
    tick,
    async onJobSucceeded(trainingJobId) {
      const adapter = await db.adapter.findUnique({ where: { jobId: trainingJobId }, include: { baseModel: { select: { id: true, inferenceUrl: true } } } });
      if (!adapter) {
        log(`job ${trainingJobId} succeeded but has no adapter row; nothing to load`);
        return;
      }
      const outcome = await loadAdapterRecord(db, servers.inferenceFor(adapter.baseModel), adapter.id);
      if (outcome.error) log(`loading ${adapter.name} failed: ${outcome.error.message}`);
      else log(`loaded ${adapter.name} from ${adapter.path} into ${servers.urlOf(adapter.baseModel)}`);
    },
    start() {
      isStopped = false;
      inFlight = tick()
        .catch((error: Error) => log(`health check failed: ${error.message}`))
        .finally(schedule);
    },
    async stop() {
      isStopped = true;
      clearTimeout(timer);
      await inFlight;
    },
  };
}
