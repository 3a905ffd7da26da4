// The client's mapping of the server's answers, against a stand-in that answers as vLLM 0.32 did
// here (bodies copied from the real server); the real server is exercised by serving.int.test.ts.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { InferenceClient, InferenceError } from "./client";

const loaded = new Set<string>();
let server: http.Server;
let baseUrl = "";

function json(response: http.ServerResponse, status: number, body: unknown) {
  response.writeHead(status, { "Content-Type": "application/json" }).end(JSON.stringify(body));
}

beforeAll(async () => {
  server = http.createServer((request, response) => {
    let raw = "";
    request.on("data", (chunk) => (raw += chunk));
    request.on("end", () => {
      const body = raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
      if (request.url === "/health") return void response.writeHead(200).end();
      if (request.url === "/v1/models") {
        return json(response, 200, {
          object: "list",
          data: [
            { id: "base", object: "model", root: "/models/base", parent: null, max_model_len: 2048 },
            ...[...loaded].map((name) => ({ id: name, object: "model", root: `/adapters/${name}`, parent: "base" })),
          ],
        });
      }
      if (request.url === "/v1/load_lora_adapter") {
        const name = String(body.lora_name);
        if (loaded.has(name)) {
          return json(response, 400, { error: { message: `The lora adapter '${name}' has already been loaded. If you want to load the adapter in place, set 'load_inplace' to True.`, type: "InvalidUserInput", code: 400 } });
        }
        if (String(body.lora_path).includes("missing")) {
          return json(response, 404, { error: { message: `Loading lora ${name} failed: No adapter found for <path>`, type: "NotFoundError", code: 404 } });
        }
        loaded.add(name);
        return void response.writeHead(200, { "Content-Type": "text/plain" }).end(`Success: LoRA adapter '${name}' added successfully.`);
      }
      if (request.url === "/v1/unload_lora_adapter") {
        const name = String(body.lora_name);
        if (!loaded.delete(name)) return json(response, 404, { error: { message: `The lora adapter '${name}' cannot be found.`, type: "NotFoundError", code: 404 } });
        return void response.writeHead(200).end(`Success: LoRA adapter '${name}' removed successfully.`);
      }
      if (request.url === "/v1/completions") {
        const model = String(body.model);
        if (model !== "base" && !loaded.has(model)) {
          return json(response, 404, { error: { message: `The model \`${model}\` does not exist. Valid aliases: base.`, type: "NotFoundError", param: "model", code: 404 } });
        }
        if (body.stream) {
          response.writeHead(200, { "Content-Type": "text/event-stream" });
          for (const text of ["积", "极"]) {
            response.write(`data: ${JSON.stringify({ id: "c", object: "text_completion", created: 0, model, choices: [{ index: 0, text, logprobs: null, finish_reason: null }] })}\n\n`);
          }
          return void response.end("data: [DONE]\n\n");
        }
        return json(response, 200, {
          id: "c",
          object: "text_completion",
          created: 0,
          model,
          choices: [{ index: 0, text: "积极", logprobs: null, finish_reason: "length" }],
          usage: { prompt_tokens: 5, completion_tokens: 2, total_tokens: 7 },
        });
      }
      json(response, 404, { detail: "Not Found" });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

describe("InferenceClient", () => {
  it("completes, streams, and lists the base model and loaded adapters", async () => {
    const client = new InferenceClient({ baseUrl: `${baseUrl}/v1/`, maxRetries: 0 });
    expect(await client.isHealthy()).toBe(true);
    expect(await client.complete({ model: "base", prompt: "x" })).toEqual({ text: "积极", finishReason: "length", promptTokens: 5, completionTokens: 2 });
    const deltas: string[] = [];
    for await (const delta of client.streamCompletion({ model: "base", prompt: "x" })) deltas.push(delta);
    expect(deltas).toEqual(["积", "极"]);
    await client.loadAdapter("a-v1", "/adapters/a-v1");
    expect(await client.listModels()).toEqual([
      { id: "base", root: "/models/base", parent: null, maxModelLen: 2048 },
      { id: "a-v1", root: "/adapters/a-v1", parent: "base", maxModelLen: null },
    ]);
  });

  it("names each refusal: unknown model, already loaded, bad path, not loaded", async () => {
    const client = new InferenceClient({ baseUrl, maxRetries: 0 });
    await expect(client.complete({ model: "nope", prompt: "x" })).rejects.toMatchObject({ kind: "unknown_model", status: 404 });
    await expect(drain(client.streamCompletion({ model: "nope", prompt: "x" }))).rejects.toMatchObject({ kind: "unknown_model" });
    await client.loadAdapter("b-v1", "/adapters/b-v1");
    await expect(client.loadAdapter("b-v1", "/adapters/b-v1")).rejects.toMatchObject({ kind: "already_loaded", status: 400 });
    await expect(client.loadAdapter("c-v1", "/adapters/missing")).rejects.toMatchObject({ kind: "adapter_not_found", status: 404 });
    await client.unloadAdapter("b-v1");
    await expect(client.unloadAdapter("b-v1")).rejects.toMatchObject({ kind: "not_loaded", status: 404 });
  });

  it("reports a server that does not answer as unavailable, after its retries", async () => {
    const client = new InferenceClient({ baseUrl: "http://127.0.0.1:9", maxRetries: 1, timeoutMs: 2000 });
    expect(await client.isHealthy(500)).toBe(false);
    await expect(client.complete({ model: "base", prompt: "x" })).rejects.toMatchObject({ kind: "unavailable" });
    await expect(client.loadAdapter("a", "/a")).rejects.toBeInstanceOf(InferenceError);
    await expect(client.listModels()).rejects.toMatchObject({ kind: "unavailable" });
  });

  it("writes the curl of a completion with the shell quoting right", () => {
    const client = new InferenceClient({ baseUrl: "http://127.0.0.1:8000" });
    expect(client.curlFor({ model: "a-v1", prompt: "it's", maxTokens: 4, temperature: 0 })).toBe(
      `curl http://127.0.0.1:8000/v1/completions -H 'Content-Type: application/json' -d '{"model":"a-v1","prompt":"it'\\''s","max_tokens":4,"temperature":0}'`,
    );
  });
});

async function drain(stream: AsyncGenerator<string>) {
  for await (const _ of stream) {
    // consume
  }
}
