"use client";

import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import type { CreateEvaluationBody } from "@loraboard/contracts";
import { FieldError, FormField, INPUT_CLASS } from "@/components/form-field";
import { FormActions, FormSection, NoDatasetsHint } from "@/components/form-layout";
import { useApiForm } from "@/hooks/use-api-form";
import { useAdapters, useBaseModels, useDatasetOptions } from "@/hooks/use-catalog";
import { useCreateEvaluation } from "../hooks/use-evaluations";
import { formatCount, SPLIT_NAMES } from "../lib/format";

type Split = CreateEvaluationBody["split"];
type Field = "model" | "datasetId" | "split" | "fewShot" | "limit";
type FieldErrors = Partial<Record<Field, string>>;

const FIELDS: readonly Field[] = ["model", "datasetId", "split", "fewShot", "limit"];

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

  // The first base model and a lone dataset are picked for the user.
  useEffect(() => {
    const first = baseModels.data?.items[0];
    if (!model && first) setModel(first.id);
  }, [baseModels.data, model]);
  useEffect(() => {
    const items = datasets.data?.items;
    if (!datasetId && items?.length === 1) setDatasetId(items[0]!.id);
  }, [datasets.data, datasetId]);

  const form = useApiForm({
    fields: FIELDS,
    errors: validate({ model, datasetId, fewShot, limit }),
    codeFields: CODE_FIELDS,
    showErrors: "onSubmit",
    staysBusyOnSuccess: true,
  });
  const { errorFor } = form;

  const dataset = datasets.data?.items.find((item) => item.id === datasetId);
  const adapterItems = adapters.data?.items ?? [];
  const isAdapter = adapterItems.some((adapter) => adapter.name === model);
  const datasetItems = datasets.data?.items ?? [];
  const hasNoDatasets = datasets.isSuccess && datasetItems.length === 0;

  const submit = form.handleSubmit(async () => {
    const body: CreateEvaluationBody = { model, datasetId, split, fewShot: Number(fewShot) };
    if (limit.trim()) body.limit = Number(limit);
    const created = await create.mutateAsync(body);
    router.push(`/evaluations/${created.id}`);
  });

  return (
    <form onSubmit={submit} noValidate className="space-y-6" aria-describedby={form.formError ? "evaluation-form-error" : undefined}>
      <FormSection id="section-what" title="What to measure">
        <div className="grid gap-4 md:grid-cols-2">
          <FormField
            id="evaluation-model"
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
                  form.change("model");
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
          <FormField id="evaluation-dataset" label="Dataset" error={errorFor("datasetId")} hint={hasNoDatasets ? <NoDatasetsHint href="/datasets/new" /> : null}>
            {(aria) => (
              <select
                {...aria}
                className={INPUT_CLASS}
                value={datasetId}
                disabled={hasNoDatasets}
                onChange={(event) => {
                  setDatasetId(event.target.value);
                  form.change("datasetId");
                  form.change("split");
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
      </FormSection>

      <FormSection id="section-how" title="How">
        <div className="grid gap-4 md:grid-cols-3">
          <fieldset aria-describedby={errorFor("split") ? "evaluation-split-error" : undefined}>
            <legend className="text-sm font-medium text-slate-800">Split</legend>
            <div className="mt-1 flex flex-wrap gap-x-4 gap-y-1">
              {(["test", "val", "train"] as const).map((name) => (
                <label key={name} className="flex items-center gap-1.5 text-sm text-slate-700">
                  <input
                    type="radio"
                    name="split"
                    value={name}
                    id={name === "test" ? "evaluation-split" : undefined}
                    aria-invalid={Boolean(errorFor("split")) && split === name}
                    checked={split === name}
                    onChange={() => {
                      setSplit(name);
                      form.change("split");
                    }}
                    className="h-4 w-4 accent-indigo-600"
                  />
                  {SPLIT_NAMES[name]}
                  {dataset?.splitCounts && <span className="tabular-nums text-slate-400">{formatCount(dataset.splitCounts[name])}</span>}
                </label>
              ))}
            </div>
            <FieldError id="evaluation-split-error" error={errorFor("split")} />
            {!errorFor("split") && <p className="mt-1 text-xs text-slate-500">The held-out test split unless you have a reason.</p>}
          </fieldset>
          <FormField
            id="evaluation-few-shot"
            label="Few-shot examples (k)"
            error={errorFor("fewShot")}
            hint="0 asks zero-shot; k > 0 puts k labelled train rows before each sentence, as the tutorial's curl does."
            type="number"
            min={0}
            max={16}
            step={1}
            inputMode="numeric"
            className="tabular-nums"
            value={fewShot}
            onChange={(event) => {
              setFewShot(event.target.value);
              form.change("fewShot");
            }}
          />
          <FormField
            id="evaluation-limit"
            label="Row limit (optional)"
            error={errorFor("limit")}
            hint="Evaluate only the first rows, for a quick look at a large split."
            type="number"
            min={1}
            step={1}
            inputMode="numeric"
            placeholder="all rows"
            className="tabular-nums"
            value={limit}
            onChange={(event) => {
              setLimit(event.target.value);
              form.change("limit");
            }}
          />
        </div>
      </FormSection>

      <FormActions
        errorId="evaluation-form-error"
        formError={form.formError}
        summary={form.serverErrorCount > 0 ? "The server refused the evaluation: see the field marked in red." : null}
        cancelHref="/evaluations"
        isBusy={form.isSubmitting}
        isDisabled={hasNoDatasets}
        submitLabel="Start evaluation"
        busyLabel="Starting…"
      />
    </form>
  );
}
