// Serving from the worker's side: a job that succeeded gets its adapter loaded at once, and the
// inference server is watched so that, after it restarts (and forgets every runtime-loaded
// adapter), everything Postgres says should be loaded is loaded again.
import type { Db } from "@loraboard/db/server";
import { InferenceClient, loadAdapterRecord, markAllUnloaded, reconcileAdapters } from "@loraboard/inference";

export interface AdapterServingOptions {
  db: Db;
  inferenceUrl: string;
  /** How often /health is polled. */
  pollIntervalMs?: number;
  log?: (line: string) => void;
}

export interface AdapterServing {
  client: InferenceClient;
  /** TrainingContext.onSucceeded: loads the job's adapter under its versioned name. */
  onJobSucceeded: (trainingJobId: string) => Promise<void>;
  /** Reconciles now (when the server answers) and then on every down→up transition. */
  start: () => void;
  /** Resolves once a reconcile in flight has finished. */
  stop: () => Promise<void>;
  /** One health check, then a reconcile (a full one when the server is back or on the first check). */
  tick: () => Promise<void>;
}

export function createAdapterServing(options: AdapterServingOptions): AdapterServing {
  const { db } = options;
  const log = options.log ?? ((line: string) => console.log(`[serving] ${line}`));
  const client = new InferenceClient({ baseUrl: options.inferenceUrl, maxRetries: 1 });
  const pollIntervalMs = options.pollIntervalMs ?? 10_000;
  // null: not checked yet, so the first healthy answer reconciles (worker start).
  let wasHealthy: boolean | null = null;
  let timer: NodeJS.Timeout | undefined;
  let inFlight: Promise<void> = Promise.resolve();
  let isStopped = false;

  // On start and when the server comes back everything is retried (adapters it refused too); on
  // other healthy ticks only what is missing and not refused, and only changes are logged.
  const reconcile = async (isTransition: boolean) => {
    try {
      const report = await reconcileAdapters(db, client, { retryFailed: isTransition });
      const hasChanges = report.loaded.length + report.unloaded.length + report.failed.length > 0;
      if (!isTransition && !hasChanges) return;
      const failures = report.failed.map((failure) => `${failure.name} (${failure.message})`);
      log(
        `reconciled: ${report.loaded.length} loaded${report.loaded.length ? ` [${report.loaded.join(", ")}]` : ""}, ` +
          `${report.unloaded.length} unloaded, ${report.failed.length} failed${failures.length ? ` [${failures.join("; ")}]` : ""}, ${report.unchanged} unchanged`,
      );
    } catch (error) {
      log(`reconcile failed: ${(error as Error).message}`);
      wasHealthy = false; // everything is retried on the next healthy tick
    }
  };

  const tick = async () => {
    const isHealthy = await client.isHealthy(3000);
    if (isHealthy && wasHealthy !== true) {
      log(wasHealthy === null ? `inference server at ${client.baseUrl} is up: reconciling` : "inference server is back: reconciling");
      wasHealthy = true;
      await reconcile(true);
    } else if (isHealthy) {
      await reconcile(false);
    } else if (wasHealthy !== false) {
      log(`inference server at ${client.baseUrl} is not answering /health`);
      wasHealthy = false;
      await markAllUnloaded(db, "The inference server is down; this adapter is loaded again when it returns.").catch((error: Error) =>
        log(`could not record the outage: ${error.message}`),
      );
    }
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
    client,
    tick,
    async onJobSucceeded(trainingJobId) {
      const adapter = await db.adapter.findUnique({ where: { jobId: trainingJobId } });
      if (!adapter) {
        log(`job ${trainingJobId} succeeded but has no adapter row; nothing to load`);
        return;
      }
      const outcome = await loadAdapterRecord(db, client, adapter.id);
      if (outcome.error) log(`loading ${adapter.name} failed: ${outcome.error.message}`);
      else log(`loaded ${adapter.name} from ${adapter.path}`);
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
