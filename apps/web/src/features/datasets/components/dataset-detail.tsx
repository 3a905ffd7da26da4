"use client";

import Link from "next/link";
import type { ReactNode } from "react";
import { EmptyState } from "@/components/empty-state";
import { PageHeader } from "@/components/page-header";
import { ApiClientError } from "@/lib/api-client";
import { ErrorAlert } from "@/components/error-alert";
import { useDataset } from "../hooks/use-datasets";
import { DatasetPreview } from "./dataset-preview";
import { DeleteDatasetButton } from "./delete-dataset-button";
import { formatCount, formatDate, formatPercent, SPLIT_LABELS } from "./format";
import { LabelBalanceBar } from "./label-balance-bar";
import { LengthHistogram } from "./length-histogram";

const SPLITS = ["train", "val", "test"] as const;

function StatCard({ label, value, children, testId }: { label: string; value: ReactNode; children?: ReactNode; testId?: string }) {
  return (
    <div className="rounded-lg border border-slate-200 bg-white px-4 py-3" data-testid={testId}>
      <div className="text-xs font-medium uppercase tracking-wide text-slate-500">{label}</div>
      <div className="mt-1 text-2xl font-semibold tabular-nums text-slate-900">{value}</div>
      {children && <div className="mt-1.5 text-xs text-slate-600">{children}</div>}
    </div>
  );
}

export function DatasetDetailView({ id }: { id: string }) {
  const { data: dataset, error, isPending } = useDataset(id);

  if (error) {
    if (error instanceof ApiClientError && error.status === 404) {
      return (
        <EmptyState title="This dataset does not exist" action={{ href: "/datasets", label: "All datasets" }}>
          It may have been deleted.
        </EmptyState>
      );
    }
    return (
      <ErrorAlert>
        The dataset could not be loaded: {error.message}
      </ErrorAlert>
    );
  }
  if (isPending) return <p className="text-sm text-slate-500">Loading dataset…</p>;

  const { stats, splitCounts, labelCounts } = dataset;
  const labelKeys = dataset.labels.map(String);
  const percentiles = [
    ["min", stats.lengths.min],
    ["p25", stats.lengths.p25],
    ["median", stats.lengths.p50],
    ["p75", stats.lengths.p75],
    ["p90", stats.lengths.p90],
    ["p95", stats.lengths.p95],
    ["p99", stats.lengths.p99],
    ["max", stats.lengths.max],
  ] as const;

  return (
    <div className="space-y-5">
      <PageHeader
        title={dataset.name}
        description={`${dataset.originalFilename} · ${dataset.format.toUpperCase()} · uploaded ${formatDate(dataset.createdAt)} · seed ${dataset.seed}`}
        actions={<DeleteDatasetButton id={dataset.id} name={dataset.name} />}
      />
      <nav aria-label="Breadcrumb" className="-mt-4 text-sm">
        <Link href="/datasets" className="text-indigo-700 hover:underline">
          ← All datasets
        </Link>
      </nav>

      <div className="grid grid-cols-2 gap-3 lg:grid-cols-4">
        <StatCard label="Rows" value={formatCount(dataset.rowCount)} testId="stat-rows">
          {dataset.hasSeparateTest ? "main file + separate test file" : "from one file"}
        </StatCard>
        <StatCard
          label="Label balance"
          value={
            <span className="text-lg">
              {labelKeys.length === 2
                ? `${formatPercent(labelCounts[labelKeys[0]!] ?? 0, dataset.rowCount)} / ${formatPercent(labelCounts[labelKeys[1]!] ?? 0, dataset.rowCount)}`
                : `${labelKeys.length} classes`}
            </span>
          }
          testId="stat-labels"
        >
          {labelKeys.length === 2 && <span className="sr-only">label {labelKeys[0]} / label {labelKeys[1]}. </span>}
          <LabelBalanceBar counts={labelCounts} />
        </StatCard>
        <StatCard
          label="Splits"
          value={
            <span className="text-lg">
              {formatCount(splitCounts.train)} / {formatCount(splitCounts.val)} / {formatCount(splitCounts.test)}
            </span>
          }
          testId="stat-splits"
        >
          train / validation / test · val {Math.round(dataset.valFraction * 100)}%
          {dataset.hasSeparateTest ? ", test from its own file" : `, test ${Math.round(dataset.testFraction * 100)}%`}
        </StatCard>
        <StatCard label="Duplicates" value={formatCount(stats.duplicateCount)} testId="stat-duplicates">
          rows repeating an earlier sentence
        </StatCard>
      </div>

      {dataset.warnings.length > 0 && (
        <section aria-labelledby="warnings-heading" className="rounded-lg border border-amber-200 bg-amber-50 px-4 py-3" data-testid="dataset-warnings">
          <h2 id="warnings-heading" className="text-sm font-semibold text-amber-900">
            {dataset.warnings.length === 1 ? "1 warning" : `${dataset.warnings.length} warnings`} (stored anyway)
          </h2>
          <ul className="mt-1 list-disc space-y-0.5 pl-5 text-sm text-amber-900">
            {dataset.warnings.map((warning, i) => (
              <li key={i}>
                {warning.message}
                {warning.rows && warning.rows.length > 0 && (
                  <span className="text-amber-700">
                    {" "}
                    Rows {warning.rows.slice(0, 8).join(", ")}
                    {(warning.count ?? warning.rows.length) > 8 ? "…" : ""}
                  </span>
                )}
              </li>
            ))}
          </ul>
        </section>
      )}

      <div className="grid gap-4 lg:grid-cols-3">
        <section aria-labelledby="lengths-heading" className="rounded-lg border border-slate-200 bg-white p-4 lg:col-span-2">
          <h2 id="lengths-heading" className="text-sm font-semibold text-slate-900">
            Sentence length <span className="font-normal text-slate-500">(characters)</span>
          </h2>
          <LengthHistogram bins={stats.histogram} labels={labelKeys} />
        </section>
        <section aria-labelledby="summary-heading" className="space-y-4 rounded-lg border border-slate-200 bg-white p-4">
          <h2 id="summary-heading" className="text-sm font-semibold text-slate-900">
            Length percentiles
          </h2>
          <dl className="grid grid-cols-4 gap-x-3 gap-y-2 text-sm" data-testid="length-percentiles">
            {percentiles.map(([name, value]) => (
              <div key={name}>
                <dt className="text-xs text-slate-500">{name}</dt>
                <dd className="font-medium tabular-nums text-slate-900">{formatCount(value)}</dd>
              </div>
            ))}
          </dl>
          <div>
            <h3 className="text-xs font-medium uppercase tracking-wide text-slate-500">Labels per split</h3>
            <table className="mt-1 w-full text-sm">
              <caption className="sr-only">Label counts in each split</caption>
              {/* One row per class, so 100 classes scroll down instead of off the side. */}
              <thead className="text-xs text-slate-500">
                <tr>
                  <th scope="col" className="py-1 text-left font-normal">Label</th>
                  {SPLITS.map((split) => (
                    <th key={split} scope="col" className="py-1 text-right font-normal">
                      {SPLIT_LABELS[split]}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody className="tabular-nums">
                {labelKeys.map((label) => (
                  <tr key={label} className="border-t border-slate-100">
                    <th scope="row" className="max-w-40 truncate py-1 text-left font-medium text-slate-700" title={label}>
                      {label}
                    </th>
                    {SPLITS.map((split) => (
                      <td key={split} className="py-1 text-right">
                        {formatCount(stats.labelCountsBySplit[split][label] ?? 0)}
                      </td>
                    ))}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      </div>

      <DatasetPreview datasetId={dataset.id} splitCounts={splitCounts} />
    </div>
  );
}
