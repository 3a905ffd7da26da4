"use client";

import Link from "next/link";
import { EmptyState } from "@/components/empty-state";
import { loadingState } from "@/components/error-alert";
import { useDatasetList } from "../hooks/use-datasets";
import { formatCount, formatDate } from "./format";
import { LabelBalanceBar } from "./label-balance-bar";
import { CreatedBy } from "@/components/created-by";

export function DatasetList() {
  const { data, error, isPending, hasNextPage, fetchNextPage, isFetchingNextPage } = useDatasetList();
  const datasets = data?.pages.flatMap((page) => page.items) ?? [];

  const notLoaded = loadingState({ error, isPending }, "datasets");
  if (notLoaded) return notLoaded;
  if (datasets.length === 0) {
    return (
      <EmptyState title="No datasets yet" action={{ href: "/datasets/new", label: "Upload a dataset" }}>
        Upload a JSON, JSONL or CSV file of <code>{'{"sentence", "label"}'}</code> rows; it is validated, summarised and split into
        train, validation and test sets.
      </EmptyState>
    );
  }

  return (
    <div className="space-y-3">
      <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
        <table className="w-full text-left text-sm">
          <caption className="sr-only">Datasets, newest first</caption>
          <thead className="border-b border-slate-200 bg-slate-50 text-xs uppercase tracking-wide text-slate-500">
            <tr>
              <th scope="col" className="px-4 py-2">Name</th>
              <th scope="col" className="px-4 py-2 text-right">Rows</th>
              <th scope="col" className="px-4 py-2">Labels</th>
              <th scope="col" className="px-4 py-2 text-right">Train / val / test</th>
              <th scope="col" className="px-4 py-2">Warnings</th>
              <th scope="col" className="px-4 py-2">Uploaded</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {datasets.map((dataset) => (
              <tr key={dataset.id} className="hover:bg-slate-50">
                <td className="px-4 py-3">
                  <Link href={`/datasets/${dataset.id}`} className="font-medium text-indigo-700 hover:underline">
                    {dataset.name}
                  </Link>
                  <div className="text-xs text-slate-500">
                    {dataset.originalFilename} · {dataset.format.toUpperCase()}
                  </div>
                </td>
                <td className="px-4 py-3 text-right tabular-nums">{formatCount(dataset.rowCount)}</td>
                <td className="px-4 py-3">
                  <LabelBalanceBar counts={dataset.labelCounts} compact />
                </td>
                <td className="px-4 py-3 text-right tabular-nums text-slate-700">
                  {formatCount(dataset.splitCounts.train)} / {formatCount(dataset.splitCounts.val)} / {formatCount(dataset.splitCounts.test)}
                </td>
                <td className="px-4 py-3">
                  {dataset.warnings.length > 0 ? (
                    <span className="rounded-full bg-amber-50 px-2 py-0.5 text-xs font-medium text-amber-800 ring-1 ring-amber-200">
                      {dataset.warnings.length} warning{dataset.warnings.length === 1 ? "" : "s"}
                    </span>
                  ) : (
                    <span className="text-xs text-slate-400">none</span>
                  )}
                </td>
                <td className="px-4 py-3 text-xs text-slate-600">
                  {formatDate(dataset.createdAt)}
                  <CreatedBy creator={dataset.createdBy} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {hasNextPage && (
        <button
          type="button"
          onClick={() => fetchNextPage()}
          disabled={isFetchingNextPage}
          className="rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-800 hover:bg-slate-50 disabled:opacity-50"
        >
          {isFetchingNextPage ? "Loading…" : "Show more"}
        </button>
      )}
    </div>
  );
}
