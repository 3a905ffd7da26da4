"use client";

import { useEffect, useState } from "react";
import { usePromptPreview } from "../hooks/use-jobs";
import type { BaseModelPreviewBody } from "@loraboard/contracts";
import { labelFromKey } from "@loraboard/domain";
import { INPUT_CLASS } from "@/components/form-field";

const SAMPLE_SENTENCE = "手机收到了，质量很好，物流也很快，非常满意！";
const DEBOUNCE_MS = 300;

/** One training example rendered with the base model's tokenizer, as the trainer will see it. */
export function PromptPreview(props: {
  baseModelId: string;
  promptTemplate: string;
  /** Answer words by label; the sample's label is picked among them. */
  labelWords: Record<string, string>;
  isTemplateValid: boolean;
  maxLength: number | null;
}) {
  const [sentence, setSentence] = useState(SAMPLE_SENTENCE);
  const keys = Object.keys(props.labelWords);
  const [picked, setPicked] = useState<string | null>(null);
  // 1 (positive) first for a 0/1 dataset, as before; else the first class.
  const label = picked !== null && keys.includes(picked) ? picked : keys.includes("1") && keys.length === 2 ? "1" : keys[0];
  const request: BaseModelPreviewBody | null =
    props.isTemplateValid && label !== undefined && props.labelWords[label]
      ? { promptTemplate: props.promptTemplate, labelWords: { [label]: props.labelWords[label]! }, sentence, label: labelFromKey(label) }
      : null;
  const debounced = useDebounced(request, DEBOUNCE_MS);
  const preview = usePromptPreview(props.baseModelId, debounced);
  const result = props.isTemplateValid ? preview.data : undefined;
  const isOverLength = result && props.maxLength !== null && result.tokenCount > props.maxLength;

  return (
    <div className="space-y-3">
      <div className="grid grid-cols-[1fr_auto] gap-3">
        <div>
          <label htmlFor="preview-sentence" className="block text-sm font-medium text-slate-800">
            Sample sentence
          </label>
          <input id="preview-sentence" className={`${INPUT_CLASS} mt-1`} value={sentence} onChange={(e) => setSentence(e.target.value)} />
        </div>
        <div>
          <label htmlFor="preview-label" className="block text-sm font-medium text-slate-800">
            Its label
          </label>
          <select id="preview-label" className={`${INPUT_CLASS} mt-1 max-w-48`} value={label ?? ""} onChange={(e) => setPicked(e.target.value)}>
            {[...keys].sort((a, b) => (a === "1" ? -1 : b === "1" ? 1 : 0)).map((key) => (
              <option key={key} value={key}>
                {props.labelWords[key] && props.labelWords[key] !== key ? `${key} · ${props.labelWords[key]}` : key}
              </option>
            ))}
          </select>
        </div>
      </div>
      <figure className="rounded-md border border-slate-200 bg-slate-50" aria-labelledby="preview-caption">
        <figcaption id="preview-caption" className="flex items-center justify-between border-b border-slate-200 px-3 py-1.5 text-xs font-medium text-slate-600">
          <span>Training example preview</span>
          <span aria-live="polite" data-testid="preview-token-count" className={isOverLength ? "text-red-700" : undefined}>
            {result
              ? `${result.tokenCount} tokens (prompt ${result.promptTokenCount} + answer ${result.tokenCount - result.promptTokenCount})` +
                (isOverLength ? ` > max length ${props.maxLength}: the sentence will be truncated` : "")
              : preview.isFetching
                ? "counting…"
                : ""}
          </span>
        </figcaption>
        <pre className="max-h-40 overflow-auto whitespace-pre-wrap break-all px-3 py-2 font-mono text-xs leading-relaxed text-slate-800" data-testid="preview-text">
          {!props.isTemplateValid
            ? "Fix the prompt template to see the example."
            : !props.baseModelId
              ? "Pick a base model to see the example."
              : preview.error
                ? null
                : result
                  ? <HighlightedExample text={result.text} sentence={sentence} />
                  : "…"}
        </pre>
        {props.isTemplateValid && preview.error && (
          <p role="alert" className="px-3 pb-2 text-xs text-red-700">
            No preview: {preview.error.message}
          </p>
        )}
      </figure>
    </div>
  );
}

/** The sentence stands out from the template, so one sees where it lands. */
function HighlightedExample({ text, sentence }: { text: string; sentence: string }) {
  const at = sentence ? text.indexOf(sentence) : -1;
  if (at < 0) return <>{text}</>;
  return (
    <>
      {text.slice(0, at)}
      <mark className="rounded bg-amber-100 text-slate-900">{sentence}</mark>
      {text.slice(at + sentence.length)}
    </>
  );
}

function useDebounced<T>(value: T, delayMs: number): T {
  const [debounced, setDebounced] = useState(value);
  const key = JSON.stringify(value);
  useEffect(() => {
    const timer = setTimeout(() => setDebounced(value), delayMs);
    return () => clearTimeout(timer);
    // The JSON key stands for the value: a new object with the same content is no change.
  }, [key, delayMs]);
  return debounced;
}
