"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useMemo, useRef, useState } from "react";
import { DEFAULT_PROMPT_TEMPLATE, HYPERPARAMETER_PRESETS, TARGET_MODULES } from "@loraboard/contracts";
import { ApiClientError } from "@/lib/api-client";
import { ErrorAlert } from "@/components/error-alert";
import { useBaseModels, useCreateJob, useDatasetOptions, useJob } from "../hooks/use-jobs";
import {
  formStateFromJob,
  hyperparameterInputs,
  initialFormState,
  matchingPreset,
  NUMERIC_HYPERPARAMETERS,
  presetFor,
  validateJobForm,
  type FieldErrors,
  type JobFormState,
  type PresetName,
} from "../lib/job-form";
import { FormField, INPUT_CLASS } from "./form-field";
import { PromptPreview } from "./prompt-preview";
import { PRIMARY_BUTTON } from "@/components/styles";

export function NewJobForm({ fromJobId }: { fromJobId?: string }) {
  const router = useRouter();
  const datasets = useDatasetOptions();
  const baseModels = useBaseModels();
  const source = useJob(fromJobId);
  const createJob = useCreateJob();

  const [form, setForm] = useState<JobFormState>(() => initialFormState());
  const [touched, setTouched] = useState<Set<string>>(() => new Set());
  const [isSubmitAttempted, setIsSubmitAttempted] = useState(false);
  const [serverErrors, setServerErrors] = useState<FieldErrors>({});
  const [formError, setFormError] = useState<string | null>(null);
  // Presets follow the base model until the user edits a hyperparameter or clones a job.
  const hasCustomHyperparameters = useRef(false);
  const isPrefilled = useRef(false);

  useEffect(() => {
    if (isPrefilled.current) return;
    if (fromJobId) {
      if (!source.data) return;
      isPrefilled.current = true;
      hasCustomHyperparameters.current = true;
      setForm(formStateFromJob(source.data));
      return;
    }
    const firstModel = baseModels.data?.items[0];
    if (!firstModel) return;
    isPrefilled.current = true;
    setForm((current) => ({
      ...initialFormState(firstModel.id),
      name: current.name,
      datasetId: current.datasetId,
      promptTemplate: firstModel.promptTemplate ?? DEFAULT_PROMPT_TEMPLATE,
    }));
  }, [fromJobId, source.data, baseModels.data]);

  // A single dataset is picked for the user.
  useEffect(() => {
    const items = datasets.data?.items;
    if (items?.length === 1 && !form.datasetId && !fromJobId) setForm((current) => ({ ...current, datasetId: items[0]!.id }));
  }, [datasets.data, form.datasetId, fromJobId]);

  const { body, errors } = useMemo(() => validateJobForm(form), [form]);
  const activePreset = matchingPreset(form);

  const errorFor = (field: string): string | null =>
    serverErrors[field] ?? (touched.has(field) || isSubmitAttempted ? (errors[field] ?? null) : null);

  function update(field: string, patch: Partial<JobFormState>) {
    setForm((current) => ({ ...current, ...patch }));
    // "labelWords.1" also touches "labelWords", where the schema reports the words being equal.
    setTouched((current) => new Set(current).add(field).add(field.split(".")[0]!));
    if (serverErrors[field]) setServerErrors(({ [field]: _removed, ...rest }) => rest);
  }

  function applyPreset(name: PresetName) {
    const values = HYPERPARAMETER_PRESETS[name].values;
    hasCustomHyperparameters.current = name !== presetFor(form.baseModelId);
    setForm((current) => ({ ...current, hyperparameters: hyperparameterInputs(values), targetModules: [...values.targetModules] }));
  }

  function changeBaseModel(baseModelId: string) {
    const model = baseModels.data?.items.find((item) => item.id === baseModelId);
    const patch: Partial<JobFormState> = { baseModelId };
    if (!hasCustomHyperparameters.current) {
      const values = HYPERPARAMETER_PRESETS[presetFor(baseModelId)].values;
      patch.hyperparameters = hyperparameterInputs(values);
      patch.targetModules = [...values.targetModules];
    }
    if (!touched.has("promptTemplate") && model?.promptTemplate) patch.promptTemplate = model.promptTemplate;
    update("baseModelId", patch);
  }

  async function submit(event: React.FormEvent) {
    event.preventDefault();
    setIsSubmitAttempted(true);
    setFormError(null);
    if (!body) {
      const firstInvalid = document.querySelector<HTMLElement>("[aria-invalid=true]");
      firstInvalid?.focus();
      return;
    }
    try {
      const created = await createJob.mutateAsync(body);
      router.push(`/jobs/${created.id}`);
    } catch (error) {
      if (error instanceof ApiClientError) {
        const byField: FieldErrors = {};
        const unplaced: string[] = [];
        for (const issue of error.issues) {
          if (issue.field && issue.field in FIELD_IDS) byField[issue.field] ??= issue.message;
          else if (issue.field?.startsWith("hyperparameters.")) byField[issue.field] ??= issue.message;
          else unplaced.push(issue.field ? `${issue.field}: ${issue.message}` : issue.message);
        }
        setServerErrors(byField);
        setFormError([error.message, ...unplaced].join(" "));
      } else {
        setFormError(error instanceof Error ? error.message : String(error));
      }
    }
  }

  const datasetItems = datasets.data?.items ?? [];
  const hasNoDatasets = datasets.isSuccess && datasetItems.length === 0;
  const maxLength = Number(form.hyperparameters.maxLength);
  const errorCount = Object.keys(errors).length;

  if (fromJobId && source.isError) {
    return (
      <ErrorAlert>
        The job to clone could not be loaded: {source.error.message}
      </ErrorAlert>
    );
  }

  return (
    <form onSubmit={submit} noValidate className="space-y-6" aria-describedby={formError ? "job-form-error" : undefined}>
      <section aria-labelledby="section-data" className="rounded-lg border border-slate-200 bg-white p-5">
        <h2 id="section-data" className="mb-4 text-sm font-semibold uppercase tracking-wide text-slate-500">
          Data and model
        </h2>
        <div className="grid gap-4 md:grid-cols-3">
          <FormField
            id={FIELD_IDS.datasetId}
            label="Dataset"
            error={errorFor("datasetId")}
            hint={
              hasNoDatasets ? (
                <span data-testid="no-datasets">
                  No datasets yet:{" "}
                  <Link href="/datasets" className="font-medium text-indigo-700 underline">
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
                value={form.datasetId}
                disabled={hasNoDatasets}
                onChange={(e) => update("datasetId", { datasetId: e.target.value })}
              >
                <option value="">
                  {datasets.isPending ? "Loading…" : datasets.isError ? "Datasets unavailable" : hasNoDatasets ? "No datasets yet" : "Pick a dataset"}
                </option>
                {datasetItems.map((dataset) => (
                  <option key={dataset.id} value={dataset.id}>
                    {dataset.name}
                    {dataset.rowCount !== undefined ? ` · ${dataset.rowCount.toLocaleString("en-US")} rows` : ""}
                    {dataset.splitCounts ? ` (train ${dataset.splitCounts.train.toLocaleString("en-US")})` : ""}
                  </option>
                ))}
              </select>
            )}
          </FormField>
          <FormField id={FIELD_IDS.baseModelId} label="Base model" error={errorFor("baseModelId")}>
            {(aria) => (
              <select {...aria} className={INPUT_CLASS} value={form.baseModelId} onChange={(e) => changeBaseModel(e.target.value)}>
                {!form.baseModelId && <option value="">{baseModels.isPending ? "Loading…" : "Pick a base model"}</option>}
                {baseModels.data?.items.map((model) => (
                  <option key={model.id} value={model.id}>
                    {model.name}
                  </option>
                ))}
              </select>
            )}
          </FormField>
          <FormField id={FIELD_IDS.name} label="Name (optional)" error={errorFor("name")}>
            {(aria) => (
              <input
                {...aria}
                className={INPUT_CLASS}
                value={form.name}
                maxLength={100}
                placeholder="named after the dataset when empty"
                onChange={(e) => update("name", { name: e.target.value })}
              />
            )}
          </FormField>
        </div>
      </section>

      <section aria-labelledby="section-hyperparameters" className="rounded-lg border border-slate-200 bg-white p-5">
        <div className="mb-4 flex flex-wrap items-center justify-between gap-3">
          <h2 id="section-hyperparameters" className="text-sm font-semibold uppercase tracking-wide text-slate-500">
            Hyperparameters
          </h2>
          <div role="group" aria-label="Presets" className="flex flex-wrap gap-2">
            {(Object.keys(HYPERPARAMETER_PRESETS) as PresetName[]).map((name) => (
              <button
                key={name}
                type="button"
                aria-pressed={activePreset === name}
                title={HYPERPARAMETER_PRESETS[name].label}
                onClick={() => applyPreset(name)}
                className="rounded-full border border-slate-300 px-3 py-1 text-xs font-medium text-slate-700 hover:bg-slate-50 aria-pressed:border-indigo-600 aria-pressed:bg-indigo-50 aria-pressed:text-indigo-700"
              >
                {HYPERPARAMETER_PRESETS[name].label}
              </button>
            ))}
          </div>
        </div>
        <div className="grid grid-cols-2 gap-x-4 gap-y-3 sm:grid-cols-3 lg:grid-cols-5">
          {NUMERIC_HYPERPARAMETERS.map(({ key, label, hint }) => (
            <FormField key={key} id={`hp-${key}`} label={label} hint={hint} error={errorFor(`hyperparameters.${key}`)}>
              {(aria) => (
                <input
                  {...aria}
                  className={`${INPUT_CLASS} tabular-nums`}
                  inputMode="decimal"
                  autoComplete="off"
                  value={form.hyperparameters[key]}
                  onChange={(e) => {
                    hasCustomHyperparameters.current = true;
                    update(`hyperparameters.${key}`, { hyperparameters: { ...form.hyperparameters, [key]: e.target.value } });
                  }}
                />
              )}
            </FormField>
          ))}
        </div>
        <fieldset className="mt-4" aria-describedby={errorFor("hyperparameters.targetModules") ? "target-modules-error" : undefined}>
          <legend className="text-sm font-medium text-slate-800">Target modules</legend>
          <div className="mt-1 flex flex-wrap gap-x-4 gap-y-1">
            {TARGET_MODULES.map((module) => (
              <label key={module} className="flex items-center gap-1.5 font-mono text-sm text-slate-700">
                <input
                  type="checkbox"
                  className="h-4 w-4 accent-indigo-600"
                  checked={form.targetModules.includes(module)}
                  onChange={(e) => {
                    hasCustomHyperparameters.current = true;
                    const targetModules = e.target.checked
                      ? TARGET_MODULES.filter((m) => m === module || form.targetModules.includes(m))
                      : form.targetModules.filter((m) => m !== module);
                    update("hyperparameters.targetModules", { targetModules });
                  }}
                />
                {module}
              </label>
            ))}
          </div>
          {errorFor("hyperparameters.targetModules") && (
            <p id="target-modules-error" className="mt-1 text-xs font-medium text-red-700">
              {errorFor("hyperparameters.targetModules")}
            </p>
          )}
        </fieldset>
      </section>

      <section aria-labelledby="section-prompt" className="rounded-lg border border-slate-200 bg-white p-5">
        <h2 id="section-prompt" className="mb-4 text-sm font-semibold uppercase tracking-wide text-slate-500">
          Prompt
        </h2>
        <div className="grid gap-5 lg:grid-cols-2">
          <div className="space-y-3">
            <FormField
              id={FIELD_IDS.promptTemplate}
              label="Prompt template"
              hint={<>{"{sentence}"} is replaced by each review; the label word and EOS follow the template.</>}
              error={errorFor("promptTemplate")}
            >
              {(aria) => (
                <textarea
                  {...aria}
                  rows={4}
                  className={`${INPUT_CLASS} font-mono`}
                  value={form.promptTemplate}
                  onChange={(e) => update("promptTemplate", { promptTemplate: e.target.value })}
                />
              )}
            </FormField>
            <div className="grid grid-cols-2 gap-4">
              <FormField id={FIELD_IDS["labelWords.0"]} label="Label word for 0 (negative)" error={errorFor("labelWords.0")}>
                {(aria) => (
                  <input {...aria} className={INPUT_CLASS} value={form.labelWord0} onChange={(e) => update("labelWords.0", { labelWord0: e.target.value })} />
                )}
              </FormField>
              <FormField id={FIELD_IDS["labelWords.1"]} label="Label word for 1 (positive)" error={errorFor("labelWords.1") ?? errorFor("labelWords")}>
                {(aria) => (
                  <input {...aria} className={INPUT_CLASS} value={form.labelWord1} onChange={(e) => update("labelWords.1", { labelWord1: e.target.value })} />
                )}
              </FormField>
            </div>
          </div>
          <PromptPreview
            baseModelId={form.baseModelId}
            promptTemplate={form.promptTemplate}
            labelWords={{ "0": form.labelWord0, "1": form.labelWord1 }}
            isTemplateValid={!errors.promptTemplate}
            maxLength={Number.isFinite(maxLength) ? maxLength : null}
          />
        </div>
      </section>

      <div className="flex flex-wrap items-center justify-end gap-3">
        {formError && (
          <p id="job-form-error" role="alert" className="mr-auto rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
            {formError}
          </p>
        )}
        {isSubmitAttempted && errorCount > 0 && !formError && (
          <p role="alert" className="mr-auto text-sm text-red-700">
            Fix the {errorCount === 1 ? "field" : `${errorCount} fields`} marked in red.
          </p>
        )}
        <Link href="/jobs" className="rounded-md px-4 py-2 text-sm font-medium text-slate-700 hover:bg-slate-100">
          Cancel
        </Link>
        <button
          type="submit"
          disabled={createJob.isPending || hasNoDatasets}
          className={PRIMARY_BUTTON}
        >
          {createJob.isPending ? "Starting…" : "Start training"}
        </button>
      </div>
    </form>
  );
}

const FIELD_IDS = {
  datasetId: "job-dataset",
  baseModelId: "job-base-model",
  name: "job-name",
  promptTemplate: "job-prompt-template",
  "labelWords.0": "job-label-0",
  "labelWords.1": "job-label-1",
  labelWords: "job-label-1",
} as const;
