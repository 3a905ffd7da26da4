// GET /api/workers: the live workers from their Redis heartbeats (workers/gpu/src/heartbeat.ts).
import type { WorkerInfo } from "@loraboard/contracts";
import { listLiveWorkers } from "@loraboard/queue/server";

export async function listWorkers(): Promise<WorkerInfo[]> {
  const workers = await listLiveWorkers();
  return workers.map((worker) => ({
    id: worker.id,
    gpus: worker.gpus.length,
    runtime: worker.runtime ?? null,
    lastSeenAt: worker.at ?? null,
  }));
}
