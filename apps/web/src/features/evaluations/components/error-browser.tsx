"use client";

import { Pager } from "@/components/pager";
import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import type { Evaluation, Prediction } from "@loraboard/contracts";
import { isActiveEvaluation, predictionsSearch, usePredictions, type PredictionFilter } from "../hooks/use-evaluations";
import { formatCount, labelName, type LabelWords } from "../lib/format";
import { countConfusion } from "../lib/report";
import { SearchBox } from "@/components/search-box";
import { tabClass } from "@/components/styles";
import { TableLoadError, TableNoteRow } from "@/components/table-notes";

const PAGE_SIZE = 20;
const FILTERS: { key: PredictionFilter; label: string }[] = [
  { key: "wrong", label: "Wrong" },
  { key: "invalid", label: "Invalid" },
  { key: "all", label: "All" },
];

function filterCounts(evaluation: Evaluation): Partial<Record<PredictionFilter, number>> {
  return evaluation.metrics ? countConfusion(evaluation.metrics.confusion.matrix) : {};
}

/** The predictions behind the numbers: wrong, invalid or all rows, searchable, a page at a time. */
export function ErrorBrowser({ evaluation, labelWords }: { evaluation: Evaluation; labelWords: LabelWords }) {
  const queryClient = useQueryClient();
  const [filter, setFilter] = useState<PredictionFilter>("wrong");
  const [search, setSearch] = useState("");
  const [query, setQuery] = useState("");
  const [trueLabel, setTrueLabel] = useState("");
  const classes = evaluation.metrics?.confusion.labels.slice(0, -1) ?? [];
  const [offset, setOffset] = useState(0);
  const isLive = isActiveEvaluation(evaluation.status);

  // Search as the person types, without a request per keystroke.
  useEffect(() => {
    const timer = setTimeout(() => {
      setQuery(search.trim());
      setOffset(0);
    }, 250);
    return () => clearTimeout(timer);
  }, [search]);

  // The last rows land with the final status: read them once more when it changes.
  useEffect(() => {
    void queryClient.invalidateQueries({ queryKey: ["evaluations", "predictions", evaluation.id] });
  }, [queryClient, evaluation.id, evaluation.status]);

  function selectFilter(key: PredictionFilter) {
    setFilter(key);
    setOffset(0);
  }

  // Arrow keys move between the tabs (WAI-ARIA tabs pattern); Tab leaves the list.
  function moveBetweenTabs(event: React.KeyboardEvent<HTMLDivElement>) {
    const step = event.key === "ArrowRight" ? 1 : event.key === "ArrowLeft" ? -1 : 0;
    if (step === 0) return;
    event.preventDefault();
    const current = FILTERS.findIndex((item) => item.key === filter);
    const next = (current + step + FILTERS.length) % FILTERS.length;
    selectFilter(FILTERS[next]!.key);
    event.currentTarget.querySelectorAll<HTMLButtonElement>('[role="tab"]')[next]?.focus();
  }

  const label = trueLabel || undefined;
  const predictions = usePredictions(evaluation.id, { filter, q: query || undefined, label, offset, limit: PAGE_SIZE }, { isLive });
  const total = predictions.data?.total ?? 0;
  const items = predictions.data?.items ?? [];
  const counts = filterCounts(evaluation);
  const csvHref = `/api/evaluations/${encodeURIComponent(evaluation.id)}/predictions?${predictionsSearch({ filter, q: query || undefined, label })}&format=csv`;

  return (
    <section aria-labelledby="errors-heading" className="rounded-lg border border-slate-200 bg-white" data-testid="error-browser">
      <div className="flex flex-wrap items-center justify-between gap-3 border-b border-slate-200 px-4 py-3">
        <div>
          <h2 id="errors-heading" className="text-sm font-semibold text-slate-900">
            Predictions
          </h2>
          <p className="text-xs text-slate-500">Each sentence with its true label, the parsed answer and the model&apos;s raw output.</p>
        </div>
        <div role="tablist" aria-label="Which predictions" className="flex gap-1 rounded-md bg-slate-100 p-0.5" onKeyDown={moveBetweenTabs}>
          {FILTERS.map(({ key, label }) => (
            <button
              key={key}
              type="button"
              role="tab"
              aria-selected={filter === key}
              aria-controls="predictions-panel"
              tabIndex={filter === key ? 0 : -1}
              onClick={() => selectFilter(key)}
              className={tabClass(filter === key)}
            >
              {label}
              {counts[key] !== undefined && <span className="ml-1 tabular-nums text-slate-400">{formatCount(counts[key])}</span>}
            </button>
          ))}
        </div>
        <div className="flex items-center gap-3">
          {/* With many classes, one class's rows at a time. */}
          {classes.length > 2 && (
            <>
              <label htmlFor="prediction-label" className="sr-only">
                True label
              </label>
              <select
                id="prediction-label"
                value={trueLabel}
                onChange={(event) => {
                  setTrueLabel(event.target.value);
                  setOffset(0);
                }}
                className="max-w-40 rounded-md border border-slate-300 px-2 py-1.5 text-sm"
              >
                <option value="">Every true label</option>
                {classes.map((key) => (
                  <option key={key} value={key}>
                    {labelName(key, labelWords)}
                  </option>
                ))}
              </select>
            </>
          )}
          <SearchBox id="prediction-search" label="Search predictions" value={search} onChange={setSearch} />
          <a href={csvHref} download className="whitespace-nowrap text-sm font-medium text-indigo-700 hover:underline">
            CSV of this view
          </a>
        </div>
      </div>
      <div id="predictions-panel" role="tabpanel" aria-label={`${FILTERS.find((f) => f.key === filter)?.label} predictions`} className="overflow-x-auto">
        <table className="w-full table-fixed text-left text-sm" data-testid="predictions-table">
          <caption className="sr-only">Predictions: sentence, true label, predicted label and raw output</caption>
          <thead className="bg-slate-50 text-xs uppercase tracking-wide text-slate-500">
            <tr>
              <th scope="col" className="w-16 px-4 py-2 text-right" title="Row number in the dataset">Row</th>
              <th scope="col" className="px-4 py-2">Sentence</th>
              <th scope="col" className="w-40 px-3 py-2">True label</th>
              <th scope="col" className="w-40 px-3 py-2">Predicted</th>
              <th scope="col" className="w-44 px-3 py-2">Raw output</th>
            </tr>
          </thead>
          <tbody className={`divide-y divide-slate-100 ${predictions.isPlaceholderData ? "opacity-60" : ""}`}>
            {items.map((item) => (
              <PredictionRow key={item.index} prediction={item} labelWords={labelWords} />
            ))}
            {predictions.isSuccess && items.length === 0 && (
              <TableNoteRow colSpan={5}>
                {query
                  ? `No ${filter === "all" ? "" : `${filter} `}prediction contains “${query}”.`
                  : filter === "wrong"
                    ? isLive
                      ? "No wrong answers so far."
                      : "Every answer is right."
                    : filter === "invalid"
                      ? isLive
                        ? "No invalid answers so far."
                        : "Every answer was a label word."
                      : "No predictions yet."}
              </TableNoteRow>
            )}
            {predictions.isPending && <TableNoteRow colSpan={5}>Loading predictions…</TableNoteRow>}
          </tbody>
        </table>
        <TableLoadError what="predictions" error={predictions.error} />
      </div>
      <Pager offset={offset} pageSize={PAGE_SIZE} total={total} onOffsetChange={setOffset} rangeTestId="predictions-range" />
    </section>
  );
}

function LabelPill({ label, labelWords }: { label: string | number; labelWords: LabelWords }) {
  const name = labelName(label, labelWords);
  // A 0/1 class keeps its English meaning, set lighter: "0 · 消极 (negative)".
  const meaning = / \((negative|positive)\)$/.exec(name);
  const color = label === 1 ? "bg-emerald-50 text-emerald-800" : label === 0 ? "bg-rose-50 text-rose-800" : "bg-slate-100 text-slate-800";
  return (
    <span className={`inline-block max-w-48 truncate whitespace-nowrap rounded-full px-2 py-0.5 align-bottom text-xs font-medium ${color}`} title={name}>
      {meaning ? name.slice(0, meaning.index) : name}
      {meaning && (
        <>
          {" "}
          <span className="font-normal opacity-75">({meaning[1]})</span>
        </>
      )}
    </span>
  );
}

function PredictionRow({ prediction, labelWords }: { prediction: Prediction; labelWords: LabelWords }) {
  const isCorrect = prediction.predicted === prediction.label;
  return (
    <tr data-testid="prediction-row" data-correct={isCorrect} className="align-top">
      <td className="px-4 py-2 text-right tabular-nums text-slate-500">{prediction.index + 1}</td>
      <td className="break-words px-4 py-2 text-slate-900">{prediction.sentence}</td>
      <td className="px-3 py-2">
        <LabelPill label={prediction.label} labelWords={labelWords} />
      </td>
      <td className="px-3 py-2">
        {prediction.predicted === null ? (
          <span className="rounded-full bg-amber-100 px-2 py-0.5 text-xs font-medium text-amber-900">invalid</span>
        ) : (
          <span className="inline-flex items-center gap-1">
            <LabelPill label={prediction.predicted} labelWords={labelWords} />
            <span className={isCorrect ? "text-emerald-700" : "text-red-700"} aria-label={isCorrect ? "right" : "wrong"}>
              {isCorrect ? "✓" : "✗"}
            </span>
          </span>
        )}
      </td>
      <td className="px-3 py-2">
        {prediction.output === "" ? (
          <span className="text-xs italic text-slate-400">(empty)</span>
        ) : (
          <code className="whitespace-pre-wrap break-all rounded bg-slate-100 px-1 py-0.5 font-mono text-xs text-slate-800">{prediction.output}</code>
        )}
      </td>
    </tr>
  );
}
