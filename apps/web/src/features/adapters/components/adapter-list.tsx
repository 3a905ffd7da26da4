"use client";

import Link from "next/link";
import { Fragment, useState } from "react";
import type { Adapter } from "@loraboard/contracts";
import { EmptyState } from "@/components/empty-state";
import { ErrorAlert, loadingState } from "@/components/error-alert";
import { useAdapters } from "@/hooks/use-catalog";
import { useAdapterAction } from "../hooks/use-adapters";
import { AdapterExportPanel } from "./adapter-export-panel";
import { AdapterStatusBadge } from "./adapter-status";
import { CreatedBy } from "@/components/created-by";

export function AdapterList() {
  const { data, error, isPending } = useAdapters({ isLive: true });
  const load = useAdapterAction("load");
  const unload = useAdapterAction("unload");
  const [actionError, setActionError] = useState<{ id: string; message: string } | null>(null);
  const [exportOpenId, setExportOpenId] = useState<string | null>(null);

  const notLoaded = loadingState({ error, isPending }, "adapters");
  if (notLoaded || !data) return notLoaded;

  const run = (action: typeof load, adapter: Adapter) => {
    setActionError(null);
    action.mutate(adapter.id, { onError: (failure) => setActionError({ id: adapter.id, message: failure.message }) });
  };
  const busyId = (load.isPending && load.variables) || (unload.isPending && unload.variables) || null;

  return (
    <div className="space-y-3">
      {data.inference === "down" && (
        <p role="status" className="rounded-md border border-amber-200 bg-amber-50 px-4 py-3 text-sm text-amber-900">
          The inference server is not answering. Adapters marked to stay loaded are loaded again as soon as it is back.
        </p>
      )}
      {actionError && (
        <ErrorAlert>
          {actionError.message}
        </ErrorAlert>
      )}
      {data.items.length === 0 ? (
        <EmptyState title="No adapters yet" action={{ href: "/jobs", label: "See jobs" }}>
          Every job that succeeds adds its adapter here and loads it into the inference server.
        </EmptyState>
      ) : (
        <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
          <table className="w-full text-left text-sm">
            <caption className="sr-only">Trained adapters, newest first</caption>
            <thead className="border-b border-slate-200 bg-slate-50 text-xs uppercase tracking-wide text-slate-500">
              <tr>
                <th scope="col" className="px-3 py-2">Model name</th>
                <th scope="col" className="px-3 py-2">Job</th>
                <th scope="col" className="px-3 py-2">Base</th>
                <th scope="col" className="px-3 py-2">Status</th>
                <th scope="col" className="px-3 py-2">
                  <span className="sr-only">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {data.items.map((adapter) => {
                const isBusy = busyId === adapter.id || adapter.status === "loading";
                const isLoaded = adapter.status === "loaded";
                const isExportOpen = exportOpenId === adapter.id;
                return (
                  <Fragment key={adapter.id}>
                  <tr data-testid="adapter-row" data-adapter-name={adapter.name} className="align-top">
                    <td className="px-3 py-2">
                      <div className="font-mono text-xs text-slate-900">{adapter.name}</div>
                      <div className="mt-0.5 max-w-md truncate font-mono text-[11px] text-slate-500" title={adapter.path}>
                        {adapter.path}
                      </div>
                    </td>
                    <td className="px-3 py-2">
                      <Link href={`/jobs/${adapter.jobId}`} className="text-indigo-700 hover:underline">
                        {adapter.jobName ?? adapter.jobId}
                      </Link>
                      <CreatedBy creator={adapter.createdBy} />
                    </td>
                    <td className="px-3 py-2 text-slate-700">{adapter.baseModelId}</td>
                    <td className="px-3 py-2">
                      <AdapterStatusBadge status={adapter.status} />
                      {adapter.error && (
                        <p className="mt-1 max-w-sm text-xs text-red-700" data-testid="adapter-error">
                          {adapter.error}
                        </p>
                      )}
                    </td>
                    <td className="px-3 py-2 text-right whitespace-nowrap">
                      {isLoaded && (
                        <Link
                          href={`/playground?adapter=${encodeURIComponent(adapter.name)}`}
                          className="mr-2 text-sm font-medium text-indigo-700 hover:underline"
                        >
                          Try it
                        </Link>
                      )}
                      <button
                        type="button"
                        disabled={isBusy}
                        onClick={() => run(isLoaded ? unload : load, adapter)}
                        aria-label={`${isLoaded ? "Unload" : "Load"} ${adapter.name}`}
                        className="rounded-md border border-slate-300 bg-white px-3 py-1 text-sm font-medium text-slate-800 hover:bg-slate-50 disabled:cursor-not-allowed disabled:opacity-50"
                      >
                        {isBusy ? "Working…" : isLoaded ? "Unload" : "Load"}
                      </button>
                      <button
                        type="button"
                        aria-expanded={isExportOpen}
                        aria-label={`Download ${adapter.name}`}
                        onClick={() => setExportOpenId(isExportOpen ? null : adapter.id)}
                        className="ml-2 rounded-md border border-slate-300 bg-white px-3 py-1 text-sm font-medium text-slate-800 hover:bg-slate-50"
                      >
                        Download
                      </button>
                    </td>
                  </tr>
                  {isExportOpen && (
                    <tr>
                      <td colSpan={5} className="bg-slate-50 px-3 py-3">
                        <AdapterExportPanel adapterId={adapter.id} />
                      </td>
                    </tr>
                  )}
                  </Fragment>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
