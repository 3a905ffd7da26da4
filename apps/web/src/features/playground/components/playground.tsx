"use client";
// The prompt playground: one input (a review rendered through each model's template, or a raw
// prompt) sent to the base model and one or two adapters at once, each answer streamed into its
// own column with the parsed label and the curl of the same request.
import { useQuery } from "@tanstack/react-query";
import { useSearchParams } from "next/navigation";
import { useEffect, useId, useRef, useState } from "react";
import { DEFAULT_LABEL_WORDS, type Adapter, type BaseModel } from "@loraboard/contracts";
import { EmptyState } from "@/components/empty-state";
import { apiFetch } from "@/lib/api-client";
import { useAdapters } from "@/features/adapters/hooks/use-adapters";
import { ErrorAlert } from "@/components/error-alert";
import { useCompletionStream, type CompletionInput } from "../hooks/use-completion-stream";
import { PRIMARY_BUTTON } from "@/components/styles";

type Mode = "sentence" | "prompt";
const NONE = "";

export function Playground() {
  const searchParams = useSearchParams();
  const baseModels = useQuery({
    queryKey: ["base-models"],
    queryFn: () => apiFetch<{ items: BaseModel[] }>("/api/base-models"),
    refetchInterval: 15_000,
  });
  const adapters = useAdapters();
  const loadedAdapters = (adapters.data?.items ?? []).filter((adapter) => adapter.status === "loaded");

  const [mode, setMode] = useState<Mode>("sentence");
  const [sentence, setSentence] = useState("这个手机质量很好，物流也很快，非常满意！");
  const [prompt, setPrompt] = useState("[INST] 请判断下面商品评论的情感（积极/消极）：评论内容如下：\n这个手机质量很好 [/INST]");
  const [temperature, setTemperature] = useState(0);
  const [maxTokens, setMaxTokens] = useState(8);
  const [baseModelId, setBaseModelId] = useState(NONE);
  const [adapterA, setAdapterA] = useState(searchParams.get("adapter") ?? NONE);
  const [adapterB, setAdapterB] = useState(NONE);

  const baseItems = baseModels.data?.items ?? [];
  useEffect(() => {
    if (baseModelId === NONE && baseItems[0]) setBaseModelId(baseItems[0].id);
  }, [baseItems, baseModelId]);
  // Preselect the newest loaded adapter once; after that "None" stays a choice.
  const hasPickedAdapter = useRef(adapterA !== NONE);
  useEffect(() => {
    if (!hasPickedAdapter.current && loadedAdapters[0]) {
      hasPickedAdapter.current = true;
      setAdapterA(loadedAdapters[0].name);
    }
  }, [loadedAdapters]);

  const columns = [
    { key: "base", model: baseModelId, labelWords: DEFAULT_LABEL_WORDS, kind: "Base model" as const },
    { key: "a", model: adapterA, labelWords: findAdapter(loadedAdapters, adapterA)?.labelWords ?? DEFAULT_LABEL_WORDS, kind: "Adapter" as const },
    { key: "b", model: adapterB, labelWords: findAdapter(loadedAdapters, adapterB)?.labelWords ?? DEFAULT_LABEL_WORDS, kind: "Adapter" as const },
  ];
  const streams = [useCompletionStream(), useCompletionStream(), useCompletionStream()];
  const isStreaming = streams.some((stream) => stream.state.status === "streaming");
  const text = mode === "sentence" ? sentence : prompt;
  const canRun = text.trim().length > 0 && columns.some((column) => column.model) && !isStreaming;

  const runAll = () => {
    const input: Omit<CompletionInput, "model"> = {
      ...(mode === "sentence" ? { sentence } : { prompt }),
      maxTokens,
      temperature,
    };
    columns.forEach((column, index) => {
      if (column.model) void streams[index]!.run({ ...input, model: column.model });
      else streams[index]!.reset();
    });
  };

  if (baseModels.error) {
    return (
      <ErrorAlert>
        The models could not be loaded: {baseModels.error.message}
      </ErrorAlert>
    );
  }

  const isInferenceDown = adapters.data?.inference === "down";
  return (
    <div className="space-y-4">
      {isInferenceDown && (
        <p role="status" className="rounded-md border border-amber-200 bg-amber-50 px-4 py-3 text-sm text-amber-900">
          The inference server is not answering: completions fail until it is back (<code>npm run up</code> starts it).
        </p>
      )}
      <form
        className="grid gap-4 rounded-lg border border-slate-200 bg-white p-4 lg:grid-cols-[1fr_16rem]"
        onSubmit={(event) => {
          event.preventDefault();
          if (canRun) runAll();
        }}
      >
        <div className="space-y-2">
          <fieldset className="flex items-center gap-4 text-sm">
            <legend className="sr-only">Input mode</legend>
            {(["sentence", "prompt"] as const).map((value) => (
              <label key={value} className="flex items-center gap-1.5">
                <input type="radio" name="mode" value={value} checked={mode === value} onChange={() => setMode(value)} />
                {value === "sentence" ? "Review (through each model's prompt template)" : "Raw prompt"}
              </label>
            ))}
          </fieldset>
          <label htmlFor="playground-input" className="sr-only">
            {mode === "sentence" ? "Review" : "Prompt"}
          </label>
          <textarea
            id="playground-input"
            rows={mode === "sentence" ? 3 : 5}
            value={text}
            onChange={(event) => (mode === "sentence" ? setSentence : setPrompt)(event.target.value)}
            onKeyDown={(event) => {
              if (event.key === "Enter" && (event.metaKey || event.ctrlKey) && canRun) runAll();
            }}
            className="w-full rounded-md border border-slate-300 px-3 py-2 text-sm"
            placeholder={mode === "sentence" ? "A product review, e.g. 质量很好，非常满意" : "The exact text sent to the model"}
          />
        </div>
        <div className="grid grid-cols-2 content-start gap-3">
          <NumberField label="Temperature" value={temperature} onChange={setTemperature} min={0} max={2} step={0.1} />
          <NumberField label="Max tokens" value={maxTokens} onChange={setMaxTokens} min={1} max={256} step={1} />
          <button
            type="submit"
            disabled={!canRun}
            className={`col-span-2 ${PRIMARY_BUTTON}`}
          >
            {isStreaming ? "Generating…" : "Run"}
          </button>
          <p className="col-span-2 text-xs text-slate-500">Ctrl+Enter runs from the text box.</p>
        </div>
      </form>

      {!adapters.isPending && loadedAdapters.length === 0 && (
        <EmptyState title="No adapter is loaded" action={{ href: "/adapters", label: "See adapters" }}>
          The base model answers on its own; load an adapter to compare its answer next to the base model&apos;s.
        </EmptyState>
      )}

      <div className="grid gap-4 md:grid-cols-3">
        <ModelColumn
          title="Base model"
          value={baseModelId}
          onChange={setBaseModelId}
          options={baseItems.map((model) => ({ value: model.id, label: model.servedBy ? model.name : `${model.name} (not served)` }))}
          stream={streams[0]!.state}
          labelWords={columns[0]!.labelWords}
        />
        <ModelColumn
          title="Adapter A"
          value={adapterA}
          onChange={setAdapterA}
          options={adapterOptions(loadedAdapters, adapterA)}
          stream={streams[1]!.state}
          labelWords={columns[1]!.labelWords}
        />
        <ModelColumn
          title="Adapter B (optional)"
          value={adapterB}
          onChange={setAdapterB}
          options={adapterOptions(loadedAdapters, adapterB)}
          stream={streams[2]!.state}
          labelWords={columns[2]!.labelWords}
        />
      </div>
    </div>
  );
}

function findAdapter(adapters: Adapter[], name: string) {
  return adapters.find((adapter) => adapter.name === name);
}

function adapterOptions(adapters: Adapter[], selected: string) {
  const options = adapters.map((adapter) => ({ value: adapter.name, label: `${adapter.name}${adapter.jobName ? ` · ${adapter.jobName}` : ""}` }));
  if (selected && !options.some((option) => option.value === selected)) options.unshift({ value: selected, label: `${selected} (not loaded)` });
  return options;
}

function NumberField(props: { label: string; value: number; onChange: (value: number) => void; min: number; max: number; step: number }) {
  const id = useId();
  return (
    <div>
      <label htmlFor={id} className="block text-xs font-medium text-slate-700">
        {props.label}
      </label>
      <input
        id={id}
        type="number"
        value={props.value}
        min={props.min}
        max={props.max}
        step={props.step}
        onChange={(event) => {
          const value = Number(event.target.value);
          if (Number.isFinite(value)) props.onChange(Math.min(props.max, Math.max(props.min, value)));
        }}
        className="mt-1 w-full rounded-md border border-slate-300 px-2 py-1.5 text-sm tabular-nums"
      />
    </div>
  );
}

function ModelColumn(props: {
  title: string;
  value: string;
  onChange: (value: string) => void;
  options: { value: string; label: string }[];
  stream: ReturnType<typeof useCompletionStream>["state"];
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

function LabelBadge({ stream, labelWords }: { stream: ReturnType<typeof useCompletionStream>["state"]; labelWords: Record<string, string> }) {
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
