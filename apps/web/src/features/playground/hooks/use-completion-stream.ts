"use client";
// One streamed playground completion: POST /api/playground/completions with stream: true, read the
// SSE (prompt → text deltas → done | error) and expose the text as it grows.
import { useCallback, useRef, useState } from "react";
import type { PlaygroundCompletionResponse } from "@loraboard/contracts";
import { ApiClientError } from "@/lib/api-client";

export interface CompletionInput {
  model: string;
  /** For an adapter: the base model it is compared with (the API refuses one of another model). */
  baseModelId?: string;
  sentence?: string;
  prompt?: string;
  maxTokens: number;
  temperature: number;
}

export interface CompletionState {
  status: "idle" | "streaming" | "done" | "error";
  text: string;
  prompt: string | null;
  curl: string | null;
  /** The parsed class, as uploaded (0/1 or text), or null for an answer with no label word. */
  label: number | string | null;
  error: string | null;
  elapsedMs: number | null;
}

const IDLE: CompletionState = { status: "idle", text: "", prompt: null, curl: null, label: null, error: null, elapsedMs: null };

export function useCompletionStream() {
  const [state, setState] = useState<CompletionState>(IDLE);
  const abortRef = useRef<AbortController | null>(null);

  const run = useCallback(async (input: CompletionInput) => {
    abortRef.current?.abort();
    const controller = new AbortController();
    abortRef.current = controller;
    const startedAt = performance.now();
    setState({ ...IDLE, status: "streaming" });
    try {
      const response = await fetch("/api/playground/completions", {
        method: "POST",
        credentials: "same-origin",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ ...input, stream: true }),
        signal: controller.signal,
      });
      if (!response.ok || !response.body) {
        const body = (await response.json().catch(() => null)) as { error?: { code: string; message: string } } | null;
        throw new ApiClientError(response.status, body?.error?.code ?? "http_error", body?.error?.message ?? `The server answered ${response.status}.`);
      }
      const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
      let buffer = "";
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += value;
        let boundary = buffer.indexOf("\n\n");
        while (boundary >= 0) {
          handleEvent(buffer.slice(0, boundary), setState, startedAt);
          buffer = buffer.slice(boundary + 2);
          boundary = buffer.indexOf("\n\n");
        }
      }
      setState((current) => (current.status === "streaming" ? { ...current, status: "done", elapsedMs: performance.now() - startedAt } : current));
    } catch (error) {
      if (controller.signal.aborted) return;
      setState((current) => ({ ...current, status: "error", error: (error as Error).message }));
    }
  }, []);

  const reset = useCallback(() => {
    abortRef.current?.abort();
    setState(IDLE);
  }, []);

  return { state, run, reset };
}

function handleEvent(block: string, setState: (update: (current: CompletionState) => CompletionState) => void, startedAt: number) {
  let event = "message";
  let data = "";
  for (const line of block.split("\n")) {
    if (line.startsWith("event: ")) event = line.slice(7);
    else if (line.startsWith("data: ")) data += line.slice(6);
  }
  if (!data) return;
  const payload = JSON.parse(data) as Record<string, unknown>;
  if (event === "prompt") {
    setState((current) => ({ ...current, prompt: String(payload.prompt), curl: String(payload.curl) }));
  } else if (event === "message") {
    setState((current) => ({ ...current, text: current.text + String(payload.text) }));
  } else if (event === "done") {
    const done = payload as unknown as PlaygroundCompletionResponse;
    setState((current) => ({ ...current, status: "done", text: done.text, label: done.label, elapsedMs: performance.now() - startedAt }));
  } else if (event === "error") {
    setState((current) => ({ ...current, status: "error", error: String(payload.message) }));
  }
}
