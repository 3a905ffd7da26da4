import { describe, expect, it } from "vitest";
import { HealthResponse, WorkerListResponse } from "@loraboard/contracts";
import { getRedis, WORKER_HEARTBEAT_PREFIX } from "@loraboard/queue/server";
import { GET as getHealth } from "@/app/api/health/route";
import { GET as listWorkers } from "@/app/api/workers/route";
import { GET as unknownRoute } from "@/app/api/[...path]/route";
import { apiRequest, routeParams } from "../../../../../tests/helpers/api";

describe("GET /api/health", () => {
  it("reports Postgres and Redis up, the inference server down, and counts live workers", async () => {
    // Heartbeats of workers that earlier test files killed outlive them by up to their TTL.
    const stale = await getRedis().keys(`${WORKER_HEARTBEAT_PREFIX}*`);
    if (stale.length > 0) await getRedis().del(...stale);
    await getRedis().set(`${WORKER_HEARTBEAT_PREFIX}test-worker`, "{}", "EX", 15);
    const response = await getHealth(apiRequest("/api/health", { token: null }), routeParams({}));
    expect(response.status).toBe(200);
    const body = HealthResponse.parse(await response.json());
    expect(body).toMatchObject({ postgres: "ok", redis: "ok", workers: 1 });
    // Nothing listens on the test inference URL, so the system is degraded, not ok.
    expect(body.inference).toBe("down");
    expect(body.status).toBe("degraded");
    // Each built-in base model's own server, each reported on its own.
    expect(body.inferenceServers).toEqual([
      { baseModelId: "demo-tiny-zh", url: process.env.INFERENCE_URL, ok: false, models: [] },
      { baseModelId: "smollm2-135m-instruct", url: process.env.SMOLLM2_INFERENCE_URL, ok: false, models: [] },
    ]);
    await getRedis().del(`${WORKER_HEARTBEAT_PREFIX}test-worker`);
  });
});

describe("GET /api/workers", () => {
  it("lists the live workers with their GPU counts, one with an unreadable heartbeat as GPU-less", async () => {
    const stale = await getRedis().keys(`${WORKER_HEARTBEAT_PREFIX}*`);
    if (stale.length > 0) await getRedis().del(...stale);
    const at = new Date().toISOString();
    await getRedis().set(`${WORKER_HEARTBEAT_PREFIX}gpu-host`, JSON.stringify({ pid: 1, host: "h", gpus: ["0", "1"], runtime: "venv", at }), "EX", 15);
    await getRedis().set(`${WORKER_HEARTBEAT_PREFIX}old-worker`, "not json", "EX", 15);
    try {
      const response = await listWorkers(apiRequest("/api/workers"), routeParams({}));
      expect(response.status).toBe(200);
      expect(WorkerListResponse.parse(await response.json()).items).toEqual([
        { id: "gpu-host", gpus: 2, runtime: "venv", lastSeenAt: at },
        { id: "old-worker", gpus: 0, runtime: null, lastSeenAt: null },
      ]);
      // Members only: the list says what hardware a deployment runs.
      const anonymous = await listWorkers(apiRequest("/api/workers", { token: null }), routeParams({}));
      expect(anonymous.status).toBe(401);
    } finally {
      await getRedis().del(`${WORKER_HEARTBEAT_PREFIX}gpu-host`, `${WORKER_HEARTBEAT_PREFIX}old-worker`);
    }
  });
});

describe("authentication", () => {
  it("answers 401 JSON without a token, and with a wrong one", async () => {
    for (const token of [null, "not-the-token"]) {
      const response = await unknownRoute(apiRequest("/api/datasets", { token }), routeParams({ path: ["datasets"] }));
      expect(response.status).toBe(401);
      expect(await response.json()).toMatchObject({ error: { code: "unauthorized" } });
    }
  });

  it("lets a valid token through to a JSON 404 for an unknown route", async () => {
    const response = await unknownRoute(apiRequest("/api/nope"), routeParams({ path: ["nope"] }));
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ error: { code: "not_found" } });
  });
});
