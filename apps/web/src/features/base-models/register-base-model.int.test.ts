// Registering base models (admin): only a Hugging Face directory under DATA_DIR, by its real
// path, so no request can point the workers, vLLM or the preview at files elsewhere.
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { getDb } from "@loraboard/db/server";
import { GET as listBaseModels, POST as registerRoute } from "@/app/api/base-models/route";
import { DELETE as deleteRoute } from "@/app/api/base-models/[id]/route";
import { apiRequest, routeParams } from "../../../../../tests/helpers/api";

const MODELS_DIR = path.join(process.env.DATA_DIR!, "models");
const RUN = `reg-${process.pid}-${Date.now()}`;
const outside = mkdtempSync(path.join(os.tmpdir(), "outside-model-"));
writeFileSync(path.join(outside, "config.json"), "{}");
mkdirSync(path.join(MODELS_DIR, RUN), { recursive: true });
writeFileSync(path.join(MODELS_DIR, RUN, "config.json"), "{}");
mkdirSync(path.join(MODELS_DIR, `${RUN}-empty`), { recursive: true });
symlinkSync(outside, path.join(MODELS_DIR, `${RUN}-link`));

afterAll(() => {
  for (const name of [RUN, `${RUN}-empty`, `${RUN}-link`]) rmSync(path.join(MODELS_DIR, name), { recursive: true, force: true });
  rmSync(outside, { recursive: true, force: true });
});

const register = (body: unknown) =>
  registerRoute(apiRequest("/api/base-models", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) }), routeParams({}));

describe("POST /api/base-models", () => {
  it("registers a model directory under DATA_DIR by its real path, once", async () => {
    const response = await register({ id: "my-model", name: "My\u0000 model", path: RUN, promptTemplate: "Review: {sentence}" });
    expect(response.status).toBe(201);
    expect(await response.json()).toMatchObject({ id: "my-model", name: "My model", path: path.join(MODELS_DIR, RUN), servedBy: null });
    const listed = await (await listBaseModels(apiRequest("/api/base-models"), routeParams({}))).json();
    expect(listed.items.map((item: { id: string }) => item.id)).toContain("my-model");
    expect((await register({ id: "my-model", name: "Again", path: RUN })).status).toBe(409);
  });

  it("refuses directories outside DATA_DIR, through .. or a symlink, and ones with no config.json", async () => {
    for (const requested of [outside, "../../../../../etc", `${RUN}-link`, `${RUN}-empty`, "no-such-dir"]) {
      const response = await register({ id: "bad-model", name: "Bad", path: requested });
      expect(response.status, requested).toBe(422);
      expect(await response.json()).toMatchObject({ error: { code: "invalid_model_directory" } });
    }
    expect((await register({ id: "Not A Slug", name: "x", path: RUN })).status).toBe(422);
    expect(await getDb().baseModel.count({ where: { id: "bad-model" } })).toBe(0);
  });
});

describe("DELETE /api/base-models/:id", () => {
  it("unregisters an unused model, and keeps the demo model", async () => {
    expect((await register({ id: "short-lived", name: "Short", path: RUN })).status).toBe(201);
    const removed = await deleteRoute(apiRequest("/api/base-models/short-lived", { method: "DELETE" }), routeParams({ id: "short-lived" }));
    expect(removed.status).toBe(204);
    const demo = await deleteRoute(apiRequest("/api/base-models/demo-tiny-zh", { method: "DELETE" }), routeParams({ id: "demo-tiny-zh" }));
    expect(demo.status).toBe(409);
    const missing = await deleteRoute(apiRequest("/api/base-models/nope", { method: "DELETE" }), routeParams({ id: "nope" }));
    expect(missing.status).toBe(404);
  });
});
