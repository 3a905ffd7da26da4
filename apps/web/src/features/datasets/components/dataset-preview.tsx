"use client";

import { Pager } from "@/components/pager";
import { useEffect, useState } from "react";
import type { DatasetSplitName, SplitCounts } from "@loraboard/contracts";
import { useDatasetRows } from "../hooks/use-datasets";
import { formatCount, SPLIT_LABELS } from "./format";
import { SearchBox } from "@/components/search-box";
import { tabClass } from "@/components/styles";
import { TableLoadError, TableNoteRow } from "@/components/table-notes";

const PAGE_SIZE = 10;
const TABS: (DatasetSplitName | "all")[] = ["all", "train", "val", "test"];

/** Rows of one split, a page at a time, filtered by a case-insensitive search of the sentence. */
export function DatasetPreview({ datasetId, splitCounts }: { datasetId: string; splitCounts: SplitCounts }) {
  const [tab, setTab] = useState<DatasetSplitName | "all">("train");
  const [search, setSearch] = useState("");
  const [query, setQuery] = useState("");
  const [offset, setOffset] = useState(0);

  // Search as the person types, without a request per keystroke.
  useEffect(() => {
    const timer = setTimeout(() => {
      setQuery(search.trim());
      setOffset(0);
    }, 250);
    return () => clearTimeout(timer);
  }, [search]);

  const rows = useDatasetRows(datasetId, { split: tab === "all" ? undefined : tab, q: query || undefined, offset, limit: PAGE_SIZE });
  const total = rows.data?.total ?? 0;
  const items = rows.data?.items ?? [];
  const total0 = splitCounts.train + splitCounts.val + splitCounts.test;

  return (
    <section aria-labelledby="preview-heading" className="rounded-lg border border-slate-200 bg-white">
      <div className="flex flex-wrap items-center justify-between gap-3 border-b border-slate-200 px-4 py-3">
        <h2 id="preview-heading" className="text-sm font-semibold text-slate-900">
          Rows
        </h2>
        <div role="tablist" aria-label="Split" className="flex gap-1 rounded-md bg-slate-100 p-0.5">
          {TABS.map((name) => (
            <button
              key={name}
              type="button"
              role="tab"
              aria-selected={tab === name}
              onClick={() => {
                setTab(name);
                setOffset(0);
              }}
              className={tabClass(tab === name)}
            >
              {name === "all" ? "All" : SPLIT_LABELS[name]}{" "}
              <span className="tabular-nums text-slate-400">{formatCount(name === "all" ? total0 : splitCounts[name])}</span>
            </button>
          ))}
        </div>
        <div className="relative">
          <SearchBox id="row-search" label="Search sentences" value={search} onChange={setSearch} />
        </div>
      </div>
      <div role="tabpanel" aria-label={`${tab === "all" ? "All" : SPLIT_LABELS[tab]} rows`} className="overflow-x-auto">
        <table className="w-full table-fixed text-left text-sm" data-testid="rows-table">
          <caption className="sr-only">Rows of the dataset</caption>
          <thead className="bg-slate-50 text-xs uppercase tracking-wide text-slate-500">
            <tr>
              <th scope="col" className="w-20 px-4 py-2 text-right">#</th>
              <th scope="col" className="px-4 py-2">Sentence</th>
              <th scope="col" className="w-20 px-4 py-2">Label</th>
              <th scope="col" className="w-24 px-4 py-2">Split</th>
            </tr>
          </thead>
          <tbody className={`divide-y divide-slate-100 ${rows.isPlaceholderData ? "opacity-60" : ""}`}>
            {items.map((row) => (
              <tr key={row.index}>
                <td className="px-4 py-2 text-right tabular-nums text-slate-500">{row.index + 1}</td>
                <td className="truncate px-4 py-2 text-slate-900" title={row.sentence}>
                  {row.sentence}
                </td>
                <td className="px-4 py-2">
                  <span
                    className={`rounded-full px-2 py-0.5 text-xs font-medium ${row.label === 1 ? "bg-emerald-50 text-emerald-800" : row.label === 0 ? "bg-rose-50 text-rose-800" : "bg-slate-100 text-slate-800"}`}
                  >
                    {row.label}
                  </span>
                </td>
                <td className="px-4 py-2 text-xs text-slate-600">{SPLIT_LABELS[row.split]}</td>
              </tr>
            ))}
            {rows.isSuccess && items.length === 0 && (
              <TableNoteRow colSpan={4}>
                {query ? `No sentence in this split contains “${query}”.` : "This split has no rows."}
              </TableNoteRow>
            )}
            {rows.isPending && <TableNoteRow colSpan={4}>Loading rows…</TableNoteRow>}
          </tbody>
        </table>
        <TableLoadError what="rows" error={rows.error} />
      </div>
      <Pager offset={offset} pageSize={PAGE_SIZE} total={total} onOffsetChange={setOffset} />
    </section>
  );
}
