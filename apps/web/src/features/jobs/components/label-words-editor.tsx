"use client";

// One answer word per class of the picked dataset, each with an example from the dataset rendered
// through the template and its token count, so a person sees what the model learns to answer.
import { useQueries } from "@tanstack/react-query";
import type { BaseModelPreviewResponse, DatasetRowsResponse } from "@loraboard/contracts";
import { labelKey, type Label } from "@loraboard/domain";
import { apiFetch } from "@/lib/api-client";
import { labelWordField, type LabelWordInputs } from "../lib/label-words-form";

const INPUT = "block w-full rounded-md border border-slate-300 bg-white px-2 py-1 text-sm aria-[invalid=true]:border-red-500";
/** Examples are fetched for this many classes at most; the words of the rest are still edited. */
const MAX_PREVIEWED = 20;

export interface LabelWordsEditorProps {
  datasetId: string;
  baseModelId: string;
  promptTemplate: string;
  isTemplateValid: boolean;
  maxLength: number | null;
  labels: readonly Label[];
  words: LabelWordInputs;
  onChange: (label: string, word: string) => void;
  errorFor: (field: string) => string | null;
  warnings: string[];
}

export function LabelWordsEditor(props: LabelWordsEditorProps) {
  const keys = props.labels.map(labelKey);
  const previewed = keys.slice(0, MAX_PREVIEWED);
  const examples = useQueries({
    queries: previewed.map((key) => ({
      queryKey: ["datasets", props.datasetId, "rows", { label: key, limit: 1 }],
      queryFn: () =>
        apiFetch<DatasetRowsResponse>(`/api/datasets/${encodeURIComponent(props.datasetId)}/rows?split=train&limit=1&label=${encodeURIComponent(key)}`),
      enabled: Boolean(props.datasetId),
      staleTime: Infinity,
    })),
  });
  const previews = useQueries({
    queries: previewed.map((key, i) => {
      const sentence = examples[i]?.data?.items[0]?.sentence;
      const body = { promptTemplate: props.promptTemplate, labelWords: { [key]: props.words[key] ?? "" }, sentence: sentence ?? "", label: props.labels[i] };
      return {
        queryKey: ["base-models", props.baseModelId, "preview", body],
        queryFn: ({ signal }: { signal: AbortSignal }) =>
          apiFetch<BaseModelPreviewResponse>(`/api/base-models/${encodeURIComponent(props.baseModelId)}/preview`, {
            method: "POST",
            headers: { "content-type": "application/json" },
            body: JSON.stringify(body),
            signal,
          }),
        enabled: Boolean(props.baseModelId) && props.isTemplateValid && sentence !== undefined && Boolean(props.words[key]?.trim()),
        retry: false,
        staleTime: Infinity,
      };
    }),
  });

  if (keys.length === 0) return <p className="text-sm text-slate-500">Pick a dataset to set the word the model answers for each of its labels.</p>;
  return (
    <div className="space-y-2" data-testid="label-words-editor">
      <div className="max-h-[28rem] overflow-auto rounded-md border border-slate-200">
        <table className="w-full text-left text-sm">
          <caption className="sr-only">The answer word of each label, with an example and its token count</caption>
          <thead className="sticky top-0 bg-slate-50 text-xs text-slate-500">
            <tr>
              <th scope="col" className="px-3 py-1.5 font-medium">Label</th>
              <th scope="col" className="w-48 px-3 py-1.5 font-medium">Answer word</th>
              <th scope="col" className="px-3 py-1.5 font-medium">Example (as the model sees it)</th>
              <th scope="col" className="px-3 py-1.5 text-right font-medium">Tokens</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {keys.map((key, i) => {
              const field = labelWordField(key);
              const error = props.errorFor(field);
              // job-label-0 / job-label-1 for a 0/1 dataset, as the form always named them.
              const id = `job-label-${i}`;
              const meaning = keys.length === 2 && (key === "0" || key === "1") ? (key === "0" ? " (negative)" : " (positive)") : "";
              const preview = previews[i]?.data;
              const isOverLength = preview && props.maxLength !== null && preview.tokenCount > props.maxLength;
              return (
                <tr key={key} className="align-top" data-testid="label-word-row">
                  <th scope="row" className="max-w-40 truncate px-3 py-2 font-medium text-slate-800" title={key}>
                    {key}
                  </th>
                  <td className="px-3 py-1.5">
                    <input
                      id={id}
                      aria-label={`Label word for ${key}${meaning}`}
                      className={INPUT}
                      value={props.words[key] ?? ""}
                      aria-invalid={Boolean(error)}
                      aria-describedby={error ? `${id}-error` : undefined}
                      onChange={(event) => props.onChange(key, event.target.value)}
                    />
                    {error && (
                      <p id={`${id}-error`} className="mt-1 text-xs font-medium text-red-700">
                        {error}
                      </p>
                    )}
                  </td>
                  <td className="px-3 py-2">
                    <code className="line-clamp-2 whitespace-pre-wrap break-all font-mono text-xs text-slate-700" data-testid="label-word-example">
                      {i >= MAX_PREVIEWED ? "—" : (preview?.text ?? examples[i]?.data?.items[0]?.sentence ?? "…")}
                    </code>
                  </td>
                  <td className={`px-3 py-2 text-right tabular-nums ${isOverLength ? "text-red-700" : "text-slate-700"}`} data-testid="label-word-tokens">
                    {preview ? `${preview.tokenCount} (answer ${preview.tokenCount - preview.promptTokenCount})` : "—"}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {props.warnings.length > 0 && (
        <ul className="space-y-1 rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-xs text-amber-900" data-testid="label-word-warnings">
          {props.warnings.map((warning) => (
            <li key={warning}>{warning}</li>
          ))}
        </ul>
      )}
      <p className="text-xs text-slate-500">
        Every label needs its own word. An answer counts as the label whose word it starts with; when one word starts another, the longest match wins.
      </p>
    </div>
  );
}
