"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import type { CreateEvaluationBody } from "@loraboard/contracts";
import { ApiClientError } from "@/lib/api-client";
import { FormField, INPUT_CLASS } from "@/features/jobs/components/form-field";
import { useBaseModels, useDatasetOptions } from "@/features/jobs/hooks/use-jobs";
import { useAdapters, useCreateEvaluation } from "../hooks/use-evaluations";
import { formatCount, SPLIT_NAMES } from "../lib/format";
import { PRIMARY_BUTTON } from "@/components/styles";

type Split = CreateEvaluationBody["split"];
type Field = "model" | "datasetId" | "split" | "fewShot" | "limit";
type FieldErrors = Partial<Record<Field, string>>;

const FIELD_IDS: Record<Field, string> = {
  model: "evaluation-model",
  datasetId: "evaluation-dataset",
  split: "evaluation-split",
  fewShot: "evaluation-few-shot",
  limit: "evaluation-limit",
};

// Where the API's error codes belong on the form.
const CODE_FIELDS: Record<string, Field> = {
  model_not_found: "model",
  dataset_not_found: "datasetId",
  empty_split: "split",
  not_enough_examples: "fewShot",
};

export interface NewEvaluationDefaults {
  model?: string;
  datasetId?: string;
  split?: Split;
}

function validate(form: { model: string; datasetId: string; fewShot: string; limit: string }): FieldErrors {
  const errors: FieldErrors = {};
  if (!form.model) errors.model = "Pick a model: a base model or an adapter.";
  if (!form.datasetId) errors.datasetId = "Pick a dataset.";
  const fewShot = Number(form.fewShot);
  if (form.fewShot.trim() === "" || !Number.isInteger(fewShot) || fewShot < 0 || fewShot > 16) errors.fewShot = "A whole number from 0 to 16.";
  if (form.limit.trim() !== "") {
    const limit = Number(form.limit);
    if (!Number.isInteger(limit) || limit < 1) errors.limit = "A whole number of rows, at least 1, or empty for all.";
  }
  return errors;
}

export function NewEvaluationForm({ defaults = {} }: { defaults?: NewEvaluationDefaults }) {
  const router = useRouter();
  const baseModels = useBaseModels();
  const adapters = useAdapters();
  const datasets = useDatasetOptions();
  const create = useCreateEvaluation();

  const [model, setModel] = useState(defaults.model ?? "");
  const [datasetId, setDatasetId] = useState(defaults.datasetId ?? "");
  const [split, setSplit] = useState<Split>(defaults.split ?? "test");
  const [fewShot, setFewShot] = useState("0");
  const [limit, setLimit] = useState("");
  const [isSubmitAttempted, setIsSubmitAttempted] = useState(false);
  const [serverErrors, setServerErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);

  // The first base model and a lone dataset are picked for the user.
  useEffect(() => {
    const first = baseModels.data?.items[0];
    if (!model && first) setModel(first.id);
  }, [baseModels.data, model]);
  useEffect(() => {
    const items = datasets.data?.items;
    if (!datasetId && items?.length === 1) setDatasetId(items[0]!.id);
  }, [datasets.data, datasetId]);

  const errors = validate({ model, datasetId, fewShot, limit });
  const errorFor = (field: Field) => serverErrors[field] ?? (isSubmitAttempted ? (errors[field] ?? null) : null);
  const clearServerError = (field: Field) => {
    if (serverErrors[field]) setServerErrors(({ [field]: _removed, ...rest }) => rest);
    setFormError(null);
  };

  const dataset = datasets.data?.items.find((item) => item.id === datasetId);
  const adapterItems = adapters.data?.items ?? [];
  const isAdapter = adapterItems.some((adapter) => adapter.name === model);
  const datasetItems = datasets.data?.items ?? [];
  const hasNoDatasets = datasets.isSuccess && datasetItems.length === 0;

  async function submit(event: React.FormEvent) {
    event.preventDefault();
    setIsSubmitAttempted(true);
    setFormError(null);
    setServerErrors({});
    if (Object.keys(errors).length > 0) {
      document.querySelector<HTMLElement>("[aria-invalid=true]")?.focus();
      return;
    }
    const body: CreateEvaluationBody = { model, datasetId, split, fewShot: Number(fewShot) };
    if (limit.trim()) body.limit = Number(limit);
    try {
      const created = await create.mutateAsync(body);
      router.push(`/evaluations/${created.id}`);
    } catch (error) {
      if (!(error instanceof ApiClientError)) {
        setFormError(error instanceof Error ? error.message : String(error));
        return;
      }
      const byField: FieldErrors = {};
      const unplaced: string[] = [];
      const codeField = CODE_FIELDS[error.code];
      if (codeField) byField[codeField] = error.message;
      for (const issue of error.issues) {
        const field = issue.field as Field | undefined;
        if (field && field in FIELD_IDS) byField[field] ??= issue.message;
        else unplaced.push(issue.field ? `${issue.field}: ${issue.message}` : issue.message);
      }
      setServerErrors(byField);
      if (!codeField || unplaced.length > 0) setFormError([codeField ? null : error.message, ...unplaced].filter(Boolean).join(" "));
      requestAnimationFrame(() => document.querySelector<HTMLElement>("[aria-invalid=true]")?.focus());
    }
  }

  return (
    <form onSubmit={submit} noValidate className="space-y-6" aria-describedby={formError ? "evaluation-form-error" : undefined}>
      <section aria-labelledby="section-what" className="rounded-lg border border-slate-200 bg-white p-5">
        <h2 id="section-what" className="mb-4 text-sm font-semibold uppercase tracking-wide text-slate-500">
          What to measure
        </h2>
        <div className="grid gap-4 md:grid-cols-2">
          <FormField
            id={FIELD_IDS.model}
            label="Model"
            error={errorFor("model")}
            hint={
              adapters.isError
                ? "Adapters could not be listed; base models only."
                : isAdapter
                  ? "A trained adapter, asked with its job's prompt template and label words."
                  : "A base model, asked with the default prompt and label words 消极 / 积极."
            }
          >
            {(aria) => (
              <select
                {...aria}
                className={INPUT_CLASS}
                value={model}
                onChange={(event) => {
                  setModel(event.target.value);
                  clearServerError("model");
                }}
              >
                <option value="">{baseModels.isPending ? "Loading…" : "Pick a model"}</option>
                <optgroup label="Base models">
                  {baseModels.data?.items.map((item) => (
                    <option key={item.id} value={item.id}>
                      {item.name} ({item.id})
                    </option>
                  ))}
                </optgroup>
                {adapterItems.length > 0 && (
                  <optgroup label="Adapters">
                    {adapterItems.map((adapter) => (
                      <option key={adapter.id} value={adapter.name}>
                        {adapter.name}
                        {adapter.jobName ? ` · ${adapter.jobName}` : ""} (on {adapter.baseModelId})
                      </option>
                    ))}
                  </optgroup>
                )}
              </select>
            )}
          </FormField>
          <FormField
            id={FIELD_IDS.datasetId}
            label="Dataset"
            error={errorFor("datasetId")}
            hint={
              hasNoDatasets ? (
                <span>
                  No datasets yet:{" "}
                  <Link href="/datasets/new" className="font-medium text-indigo-700 underline">
                    upload one
                  </Link>{" "}
                  first.
                </span>
              ) : null
            }
          >
            {(aria) => (
              <select
                {...aria}
                className={INPUT_CLASS}
                value={datasetId}
                disabled={hasNoDatasets}
                onChange={(event) => {
                  setDatasetId(event.target.value);
                  clearServerError("datasetId");
                  clearServerError("split");
                }}
              >
                <option value="">{datasets.isPending ? "Loading…" : hasNoDatasets ? "No datasets yet" : "Pick a dataset"}</option>
                {datasetItems.map((item) => (
                  <option key={item.id} value={item.id}>
                    {item.name}
                    {item.rowCount !== undefined ? ` · ${formatCount(item.rowCount)} rows` : ""}
                  </option>
                ))}
              </select>
            )}
          </FormField>
        </div>
      </section>

      <section aria-labelledby="section-how" className="rounded-lg border border-slate-200 bg-white p-5">
        <h2 id="section-how" className="mb-4 text-sm font-semibold uppercase tracking-wide text-slate-500">
          How
        </h2>
        <div className="grid gap-4 md:grid-cols-3">
          <fieldset aria-describedby={errorFor("split") ? `${FIELD_IDS.split}-error` : undefined}>
            <legend className="text-sm font-medium text-slate-800">Split</legend>
            <div className="mt-1 flex flex-wrap gap-x-4 gap-y-1">
              {(["test", "val", "train"] as const).map((name) => (
                <label key={name} className="flex items-center gap-1.5 text-sm text-slate-700">
                  <input
                    type="radio"
                    name="split"
                    value={name}
                    id={name === "test" ? FIELD_IDS.split : undefined}
                    aria-invalid={Boolean(errorFor("split")) && split === name}
                    checked={split === name}
                    onChange={() => {
                      setSplit(name);
                      clearServerError("split");
                    }}
                    className="h-4 w-4 accent-indigo-600"
                  />
                  {SPLIT_NAMES[name]}
                  {dataset?.splitCounts && <span className="tabular-nums text-slate-400">{formatCount(dataset.splitCounts[name])}</span>}
                </label>
              ))}
            </div>
            {errorFor("split") ? (
              <p id={`${FIELD_IDS.split}-error`} className="mt-1 text-xs font-medium text-red-700">
                {errorFor("split")}
              </p>
            ) : (
              <p className="mt-1 text-xs text-slate-500">The held-out test split unless you have a reason.</p>
            )}
          </fieldset>
          <FormField
            id={FIELD_IDS.fewShot}
            label="Few-shot examples (k)"
            error={errorFor("fewShot")}
            hint="0 asks zero-shot; k > 0 puts k labelled train rows before each sentence, as the tutorial's curl does."
          >
            {(aria) => (
              <input
                {...aria}
                type="number"
                min={0}
                max={16}
                step={1}
                inputMode="numeric"
                className={`${INPUT_CLASS} tabular-nums`}
                value={fewShot}
                onChange={(event) => {
                  setFewShot(event.target.value);
                  clearServerError("fewShot");
                }}
              />
            )}
          </FormField>
          <FormField
            id={FIELD_IDS.limit}
            label="Row limit (optional)"
            error={errorFor("limit")}
            hint="Evaluate only the first rows, for a quick look at a large split."
          >
            {(aria) => (
              <input
                {...aria}
                type="number"
                min={1}
                step={1}
                inputMode="numeric"
                placeholder="all rows"
                className={`${INPUT_CLASS} tabular-nums`}
                value={limit}
                onChange={(event) => {
                  setLimit(event.target.value);
                  clearServerError("limit");
                }}
              />
            )}
          </FormField>
        </div>
      </section>

      <div className="flex flex-wrap items-center justify-end gap-3">
        {formError && (
          <p id="evaluation-form-error" role="alert" className="mr-auto rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
            {formError}
          </p>
        )}
        {!formError && Object.keys(serverErrors).length > 0 && (
          <p role="alert" className="mr-auto text-sm text-red-700">
            The server refused the evaluation: see the field marked in red.
          </p>
        )}
        <Link href="/evaluations" className="rounded-md px-4 py-2 text-sm font-medium text-slate-700 hover:bg-slate-100">
          Cancel
        </Link>
        <button
          type="submit"
          disabled={create.isPending || hasNoDatasets}
          className={PRIMARY_BUTTON}
        >
          {create.isPending ? "Starting…" : "Start evaluation"}
        </button>
      </div>
    </form>
  );
}
