"use client";
// Every base model with its own inference server (one vLLM serves one base model), whether that
// server answers and serves it, and the defaults new jobs on it start from.
import Link from "next/link";
import { HYPERPARAMETER_PRESETS, type BaseModel } from "@loraboard/contracts";
import { EmptyState } from "@/components/empty-state";
import { loadingState } from "@/components/error-alert";
import { useBaseModels } from "@/hooks/use-catalog";

export function BaseModelList() {
  const { data, error, isPending } = useBaseModels({ isLive: true });
  const notLoaded = loadingState({ error, isPending }, "base models");
  if (notLoaded || !data) return notLoaded;
  if (data.items.length === 0) {
    return <EmptyState title="No base models">`npm run up` registers the built-in models; an admin registers others (POST /api/base-models).</EmptyState>;
  }
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table className="w-full text-left text-sm">
        <caption className="sr-only">Base models and their inference servers</caption>
        <thead className="border-b border-slate-200 bg-slate-50 text-xs uppercase tracking-wide text-slate-500">
          <tr>
            <th scope="col" className="px-3 py-2">Model</th>
            <th scope="col" className="px-3 py-2">Inference server</th>
            <th scope="col" className="px-3 py-2">Job defaults</th>
            <th scope="col" className="px-3 py-2">
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {data.items.map((model) => (
            <tr key={model.id} data-testid="base-model-row" data-base-model-id={model.id} className="align-top">
              <td className="px-3 py-2">
                <div className="font-medium text-slate-900">{model.name}</div>
                <div className="font-mono text-xs text-slate-600">{model.id}</div>
                <div className="mt-0.5 max-w-sm truncate font-mono text-[11px] text-slate-500" title={model.path}>
                  {model.path}
                </div>
              </td>
              <td className="px-3 py-2">
                <ServerStatus model={model} />
              </td>
              <td className="px-3 py-2 text-xs text-slate-700">
                <div>
                  preset: <span className="font-medium">{model.preset && model.preset in HYPERPARAMETER_PRESETS ? HYPERPARAMETER_PRESETS[model.preset as keyof typeof HYPERPARAMETER_PRESETS].label : (model.preset ?? "tutorial recipe")}</span>
                </div>
                {model.labelWords && (
                  <div>
                    words: {Object.entries(model.labelWords).map(([label, word]) => `${label} → ${word}`).join(", ")}
                  </div>
                )}
              </td>
              <td className="px-3 py-2 text-right whitespace-nowrap">
                <Link href={`/jobs/new?baseModel=${encodeURIComponent(model.id)}`} className="mr-3 text-sm font-medium text-indigo-700 hover:underline">
                  New job
                </Link>
                {model.servedBy && (
                  <Link href="/playground" className="text-sm font-medium text-indigo-700 hover:underline">
                    Try it
                  </Link>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function ServerStatus({ model }: { model: BaseModel }) {
  const state = model.servedBy ? "serving" : model.serverStatus === "ok" ? "serves another model" : "down";
  const color = state === "serving" ? "bg-emerald-500" : state === "down" ? "bg-red-500" : "bg-amber-500";
  return (
    <div data-testid="base-model-server">
      <div className="flex items-center gap-2">
        <span className={`inline-block h-2.5 w-2.5 rounded-full ${color}`} aria-hidden />
        <span className="font-medium text-slate-800">{state}</span>
      </div>
      <div className="font-mono text-[11px] text-slate-500">{model.inferenceUrl}</div>
    </div>
  );
}
