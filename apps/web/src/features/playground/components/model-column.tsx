"use client";
// One column of the playground: which model answers, its streamed output, the label parsed from
// it, the prompt sent and the same request as curl.
import { useId, useState } from "react";
import type { useCompletionStream } from "../hooks/use-completion-stream";

export const NONE = "";

type StreamState = ReturnType<typeof useCompletionStream>["state"];

export function ModelColumn(props: {
  title: string;
  value: string;
  onChange: (value: string) => void;
  options: { value: string; label: string }[];
  stream: StreamState;
  labelWords: Record<string, string>;
}) {
  const id = useId();
  const { stream } = props;
  const [isCopied, setIsCopied] = useState(false);
  return (
    <section aria-labelledby={`${id}-title`} className="flex min-h-64 flex-col rounded-lg border border-slate-200 bg-white p-3" data-testid="playground-column">
      <h2 id={`${id}-title`} className="text-sm font-semibold text-slate-900">
        {props.title}
      </h2>
      <label htmlFor={`${id}-model`} className="sr-only">
        {props.title}: model
      </label>
      <select
        id={`${id}-model`}
        value={props.value}
        onChange={(event) => props.onChange(event.target.value)}
        className="mt-2 w-full rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm"
      >
        <option value={NONE}>None</option>
        {props.options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>

      <div className="mt-3 flex items-center justify-between gap-2">
        <span className="text-xs font-medium uppercase tracking-wide text-slate-500">Output</span>
        <LabelBadge stream={stream} labelWords={props.labelWords} />
      </div>
      <output
        aria-live="polite"
        aria-busy={stream.status === "streaming"}
        data-testid="playground-output"
        data-status={stream.status}
        className="mt-1 block min-h-16 flex-1 whitespace-pre-wrap break-words rounded-md bg-slate-50 px-3 py-2 font-mono text-sm text-slate-900"
      >
        {stream.text}
        {stream.status === "streaming" && <span className="ml-0.5 inline-block h-4 w-1.5 animate-pulse bg-slate-400 align-middle" aria-hidden />}
        {stream.status === "idle" && <span className="text-slate-400">{props.value ? "Run to see the answer." : "Pick a model."}</span>}
      </output>
      {stream.status === "error" && (
        <p role="alert" className="mt-2 text-xs text-red-700">
          {stream.error}
        </p>
      )}
      {stream.elapsedMs !== null && stream.status === "done" && (
        <p className="mt-1 text-xs text-slate-500">{(stream.elapsedMs / 1000).toFixed(2)} s</p>
      )}
      {stream.prompt !== null && (
        <details className="mt-2 text-xs">
          <summary className="cursor-pointer text-slate-600">Prompt sent</summary>
          <pre className="mt-1 max-h-32 overflow-auto whitespace-pre-wrap rounded bg-slate-50 p-2 font-mono">{stream.prompt}</pre>
        </details>
      )}
      {stream.curl && (
        <div className="mt-2">
          <div className="flex items-center justify-between">
            <span className="text-xs text-slate-600">Same request with curl</span>
            <button
              type="button"
              onClick={() => {
                void navigator.clipboard?.writeText(stream.curl ?? "").then(() => {
                  setIsCopied(true);
                  setTimeout(() => setIsCopied(false), 1500);
                });
              }}
              className="rounded border border-slate-300 px-2 py-0.5 text-xs text-slate-700 hover:bg-slate-50"
            >
              {isCopied ? "Copied" : "Copy curl"}
            </button>
          </div>
          <pre data-testid="playground-curl" className="mt-1 max-h-24 overflow-auto whitespace-pre-wrap break-all rounded bg-slate-900 p-2 font-mono text-[11px] text-slate-100">
            {stream.curl}
          </pre>
        </div>
      )}
    </section>
  );
}

function LabelBadge({ stream, labelWords }: { stream: StreamState; labelWords: Record<string, string> }) {
  if (stream.status !== "done") return null;
  if (stream.label === null) {
    return (
      <span data-testid="playground-label" className="rounded-full bg-amber-50 px-2 py-0.5 text-xs font-medium text-amber-800 ring-1 ring-inset ring-amber-300">
        no label word
      </span>
    );
  }
  const styles =
    stream.label === 1 ? "bg-emerald-50 text-emerald-700 ring-emerald-300" : stream.label === 0 ? "bg-rose-50 text-rose-700 ring-rose-300" : "bg-indigo-50 text-indigo-700 ring-indigo-300";
  const word = labelWords[String(stream.label)] ?? String(stream.label);
  return (
    <span data-testid="playground-label" className={`rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${styles}`}>
      {/* A text label answered with itself needs no "(label)" after it. */}
      {word === String(stream.label) ? word : `${word} (${stream.label})`}
    </span>
  );
}
