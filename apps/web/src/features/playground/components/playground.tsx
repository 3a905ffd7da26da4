"use client";
// The prompt playground: one input (a review rendered through each model's template, or a raw
// prompt) sent to the base model and one or two of its adapters at once, each answer streamed into
// its own column with the parsed label and the curl of the same request. Each base model has its own
// server: the adapters offered are the picked base model's.
import { useSearchParams } from "next/navigation";
import { useEffect, useId, useRef, useState } from "react";
import { DEFAULT_LABEL_WORDS, type Adapter } from "@loraboard/contracts";
import { EmptyState } from "@/components/empty-state";
import { ErrorAlert } from "@/components/error-alert";
import { FormField } from "@/components/form-field";
import { PRIMARY_BUTTON } from "@/components/styles";
import { useAdapters, useBaseModels } from "@/hooks/use-catalog";
import { useCompletionStream, type CompletionInput } from "../hooks/use-completion-stream";
import { ModelColumn, NONE } from "./model-column";

type Mode = "sentence" | "prompt";

export function Playground() {
  const searchParams = useSearchParams();
  const baseModels = useBaseModels({ isLive: true });
  const adapters = useAdapters({ isLive: true });
  const allLoadedAdapters = (adapters.data?.items ?? []).filter((adapter) => adapter.status === "loaded");

  const [mode, setMode] = useState<Mode>("sentence");
  const [sentence, setSentence] = useState("这个手机质量很好，物流也很快，非常满意！");
  const [prompt, setPrompt] = useState("[INST] 请判断下面商品评论的情感（积极/消极）：评论内容如下：\n这个手机质量很好 [/INST]");
  const [temperature, setTemperature] = useState(0);
  const [maxTokens, setMaxTokens] = useState(8);
  const [baseModelId, setBaseModelId] = useState(NONE);
  const [adapterA, setAdapterA] = useState(searchParams.get("adapter") ?? NONE);
  const [adapterB, setAdapterB] = useState(NONE);

  const baseItems = baseModels.data?.items ?? [];
  // An adapter named in the address picks its own base model.
  const requestedBase = allLoadedAdapters.find((adapter) => adapter.name === adapterA)?.baseModelId;
  useEffect(() => {
    if (baseModelId !== NONE) return;
    if (requestedBase) setBaseModelId(requestedBase);
    else if (baseItems[0] && !(adapterA !== NONE && adapters.isPending)) setBaseModelId(baseItems[0].id);
  }, [baseItems, baseModelId, requestedBase, adapterA, adapters.isPending]);
  // Only the picked base model's adapters: its server is the one that serves them.
  const loadedAdapters = allLoadedAdapters.filter((adapter) => adapter.baseModelId === baseModelId);
  // Preselect the newest loaded adapter once; after that "None" stays a choice.
  const hasPickedAdapter = useRef(adapterA !== NONE);
  useEffect(() => {
    if (!hasPickedAdapter.current && loadedAdapters[0]) {
      hasPickedAdapter.current = true;
      setAdapterA(loadedAdapters[0].name);
    }
  }, [loadedAdapters]);
  const changeBaseModel = (id: string) => {
    setBaseModelId(id);
    // An adapter of another base model is not compared with this one.
    for (const [name, setName] of [[adapterA, setAdapterA], [adapterB, setAdapterB]] as const) {
      const adapter = allLoadedAdapters.find((item) => item.name === name);
      if (adapter && adapter.baseModelId !== id) setName(NONE);
    }
  };
  const baseLabelWords = baseItems.find((model) => model.id === baseModelId)?.labelWords ?? DEFAULT_LABEL_WORDS;

  const baseOptions = baseItems.map((model) => ({ value: model.id, label: model.servedBy ? model.name : `${model.name} (not served)` }));
  const adapterColumn = (title: string, model: string, setModel: (model: string) => void) => ({
    title,
    model,
    setModel,
    options: adapterOptions(loadedAdapters, model),
    labelWords: findAdapter(loadedAdapters, model)?.labelWords ?? DEFAULT_LABEL_WORDS,
  });
  const columns = [
    { title: "Base model", model: baseModelId, setModel: changeBaseModel, options: baseOptions, labelWords: baseLabelWords },
    adapterColumn("Adapter A", adapterA, setAdapterA),
    adapterColumn("Adapter B (optional)", adapterB, setAdapterB),
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
      // Adapters say which base model they are compared with; the API refuses a mismatch (422).
      const comparedWith = index > 0 && baseModelId !== NONE ? { baseModelId } : {};
      if (column.model) void streams[index]!.run({ ...input, model: column.model, ...comparedWith });
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
        {columns.map((column, index) => (
          <ModelColumn
            key={column.title}
            title={column.title}
            value={column.model}
            onChange={column.setModel}
            options={column.options}
            stream={streams[index]!.state}
            labelWords={column.labelWords}
          />
        ))}
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
    <FormField
      id={id}
      label={props.label}
      type="number"
      value={props.value}
      min={props.min}
      max={props.max}
      step={props.step}
      className="tabular-nums"
      onChange={(event) => {
        const value = Number(event.target.value);
        if (Number.isFinite(value)) props.onChange(Math.min(props.max, Math.max(props.min, value)));
      }}
    />
  );
}
