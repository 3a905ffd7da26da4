"use client";

import { useRouter } from "next/navigation";
import { useEffect, useMemo, useRef, useState } from "react";
import { DEFAULT_PROMPT_TEMPLATE, HYPERPARAMETER_PRESETS, Hyperparameters, TARGET_MODULES } from "@loraboard/contracts";
import { ErrorAlert } from "@/components/error-alert";
import { FieldError, FormField, INPUT_CLASS } from "@/components/form-field";
import { FormActions, FormSection } from "@/components/form-layout";
import { useApiForm } from "@/hooks/use-api-form";
import { useBaseModels, useDatasetOptions } from "@/hooks/use-catalog";
import { useCreateJob, useCreateSweep, useJob } from "../hooks/use-jobs";
import {
  formStateFromJob,
  presetInputs,
  initialFormState,
  matchingPreset,
  NUMERIC_HYPERPARAMETERS,
  presetFor,
  validateJobForm,
  type JobFormState,
  type PresetName,
} from "../lib/job-form";
import { labelFromKey, labelWordsForDataset } from "@loraboard/domain";
import { labelWordField, labelWordInputs } from "../lib/label-words-form";
import { initialSweepState, sweepJobCount, validateSweepForm, type SweepFormState } from "../lib/sweep-form";
import { AdapterShapeFields, BestCheckpointFields, DataAndModelSection, PromptSection } from "./job-form-sections";
import { SweepSection } from "./sweep-section";
import { TrainingPlaceNote } from "./training-place-note";

// The fields a 422's issues can name, in the API's dotted form.
const FIELDS = [
  "datasetId",
  "baseModelId",
  "name",
  "promptTemplate",
  "labelWords",
  "hyperparameters.targetModules",
  "hyperparameters.loraTopLayers",
  "hyperparameters.torchCompile",
  "hyperparameters.metricForBestModel",
  "hyperparameters.earlyStoppingPatience",
  ...NUMERIC_HYPERPARAMETERS.map(({ key }) => `hyperparameters.${key}`),
];
const SWEEP_FIELDS = ["space", "space.learningRate", "space.loraR", "space.epochs", "space.targetModules", "strategy", "samples", "seed", "metric"];

type Mode = "job" | "sweep";

export function NewJobForm({
  fromJobId,
  baseModelId,
  initialMode = "job",
}: {
  fromJobId?: string;
  baseModelId?: string;
  initialMode?: Mode;
}) {
  const router = useRouter();
  const datasets = useDatasetOptions();
  const baseModels = useBaseModels();
  const source = useJob(fromJobId);
  const createJob = useCreateJob();
  const createSweep = useCreateSweep();
  const [mode, setMode] = useState<Mode>(initialMode);
  const [sweep, setSweep] = useState<SweepFormState>(initialSweepState);

  const [form, setForm] = useState<JobFormState>(() => initialFormState());
  // Presets follow the base model until the user edits a hyperparameter or clones a job.
  const hasCustomHyperparameters = useRef(false);
  const isPrefilled = useRef(false);

  // One answer word per class of the picked dataset: words typed for a label it shares are kept.
  const datasetLabels = datasets.data?.items.find((item) => item.id === form.datasetId)?.labels;
  useEffect(() => {
    if (isPrefilled.current) return;
    if (fromJobId) {
      if (!source.data) return;
      isPrefilled.current = true;
      hasCustomHyperparameters.current = true;
      setForm(formStateFromJob(source.data));
      return;
    }
    const items = baseModels.data?.items;
    const firstModel = items?.find((item) => item.id === baseModelId) ?? items?.[0];
    if (!firstModel) return;
    isPrefilled.current = true;
    // The first model's defaults: its preset, prompt template and label words.
    setForm((current) => ({
      ...initialFormState(firstModel),
      name: current.name,
      datasetId: current.datasetId,
      labelWords: datasetLabels ? labelWordsForDataset(datasetLabels, firstModel.labelWords) : { ...(firstModel.labelWords ?? current.labelWords) },
    }));
  }, [fromJobId, source.data, baseModels.data, baseModelId]);

  // A single dataset is picked for the user.
  useEffect(() => {
    const items = datasets.data?.items;
    if (items?.length === 1 && !form.datasetId && !fromJobId) setForm((current) => ({ ...current, datasetId: items[0]!.id }));
  }, [datasets.data, form.datasetId, fromJobId]);

  // Before a dataset is picked (or when the list lacks it), the words' own labels: 0/1 at first.
  const labels = useMemo(() => datasetLabels ?? Object.keys(form.labelWords).map(labelFromKey), [datasetLabels, form.labelWords]);
  const labelsKey = JSON.stringify(datasetLabels ?? null);
  useEffect(() => {
    if (!datasetLabels) return;
    const labels = datasetLabels;
    setForm((current) => {
      const labelWords = labelWordInputs(labels, current.labelWords);
      return JSON.stringify(labelWords) === JSON.stringify(current.labelWords) ? current : { ...current, labelWords };
    });
    // labelsKey stands for labels: a refetched list with the same classes is no change.
  }, [labelsKey]);

  const { body, errors: jobErrors } = useMemo(() => validateJobForm(form, labels), [form, labels]);
  const sweepCheck = useMemo(() => (mode === "sweep" ? validateSweepForm(body ?? {}, sweep) : null), [mode, body, sweep]);
  const errors = useMemo(() => ({ ...jobErrors, ...sweepCheck?.errors }), [jobErrors, sweepCheck]);
  const activePreset = matchingPreset(form);
  const fields = useMemo(() => [...FIELDS, ...SWEEP_FIELDS, ...labels.map(labelWordField)], [labels]);
  const apiForm = useApiForm({ fields, errors, staysBusyOnSuccess: true });
  const { errorFor } = apiForm;

  function update(field: string, patch: Partial<JobFormState>) {
    setForm((current) => ({ ...current, ...patch }));
    apiForm.change(field);
  }

  function applyPreset(name: PresetName) {
    const values = HYPERPARAMETER_PRESETS[name].values;
    hasCustomHyperparameters.current = name !== presetFor(form.baseModelId);
    setForm((current) => ({ ...current, ...presetInputs(values) }));
  }

  // Defaults come from the base model: its preset, template and words, unless the user changed them.
  function changeBaseModel(baseModelId: string) {
    const model = baseModels.data?.items.find((item) => item.id === baseModelId);
    const patch: Partial<JobFormState> = { baseModelId };
    if (!hasCustomHyperparameters.current) {
      Object.assign(patch, presetInputs(HYPERPARAMETER_PRESETS[presetFor(model ?? baseModelId)].values));
    }
    if (!apiForm.isTouched("promptTemplate")) patch.promptTemplate = model?.promptTemplate ?? DEFAULT_PROMPT_TEMPLATE;
    if (!labels.some((label) => apiForm.isTouched(labelWordField(label)))) patch.labelWords = labelWordsForDataset(labels, model?.labelWords);
    update("baseModelId", patch);
  }

  function updateSweep(field: string, patch: Partial<SweepFormState>) {
    setSweep((current) => ({ ...current, ...patch }));
    apiForm.change(field);
  }

  const submit = apiForm.handleSubmit(async () => {
    if (mode === "sweep") {
      const created = await createSweep.mutateAsync(sweepCheck!.body!);
      router.push(`/sweeps/${created.id}`);
      return;
    }
    const created = await createJob.mutateAsync(body!);
    router.push(`/jobs/${created.id}`);
  });
  const sweepCount = sweepJobCount(sweep);

  const trainRows = datasets.data?.items.find((item) => item.id === form.datasetId)?.splitCounts?.train ?? null;
  const hyperparameters = useMemo(() => (body ? Hyperparameters.parse(body.hyperparameters ?? {}) : null), [body]);
  const hasNoDatasets = datasets.isSuccess && (datasets.data?.items.length ?? 0) === 0;
  const errorCount = apiForm.blockingErrorCount;

  if (fromJobId && source.isError) {
    return <ErrorAlert>The job to clone could not be loaded: {source.error.message}</ErrorAlert>;
  }

  return (
    <form onSubmit={submit} noValidate className="space-y-6" aria-describedby={apiForm.formError ? "job-form-error" : undefined}>
      <div role="radiogroup" aria-label="What to start" className="inline-flex rounded-lg bg-slate-100 p-1">
        {(["job", "sweep"] as const).map((value) => (
          <button
            key={value}
            type="button"
            role="radio"
            aria-checked={mode === value}
            onClick={() => setMode(value)}
            className={`rounded-md px-3 py-1.5 text-sm font-medium ${mode === value ? "bg-white text-slate-900 shadow-sm" : "text-slate-600 hover:text-slate-900"}`}
          >
            {value === "job" ? "Single job" : "Sweep"}
          </button>
        ))}
      </div>
      <DataAndModelSection form={form} datasets={datasets} baseModels={baseModels} errorFor={errorFor} update={update} changeBaseModel={changeBaseModel} />

      <FormSection
        id="section-hyperparameters"
        title="Hyperparameters"
        aside={
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
        }
      >
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
          <FieldError id="target-modules-error" error={errorFor("hyperparameters.targetModules")} />
        </fieldset>
        <AdapterShapeFields
          form={form}
          errorFor={errorFor}
          update={(field, patch) => {
            hasCustomHyperparameters.current = true;
            update(field, patch);
          }}
        />
        <BestCheckpointFields form={form} errorFor={errorFor} update={update} />
      </FormSection>

      {mode === "sweep" && <SweepSection state={sweep} errorFor={errorFor} update={updateSweep} />}

      <PromptSection form={form} errorFor={errorFor} update={update} isTemplateValid={!errors.promptTemplate} labels={labels} />

      {mode === "job" && <TrainingPlaceNote hyperparameters={hyperparameters} trainRows={trainRows} />}

      <FormActions
        errorId="job-form-error"
        formError={apiForm.formError}
        summary={errorCount > 0 ? `Fix the ${errorCount === 1 ? "field" : `${errorCount} fields`} marked in red.` : null}
        cancelHref="/jobs"
        isBusy={apiForm.isSubmitting}
        isDisabled={hasNoDatasets}
        submitLabel={mode === "sweep" ? `Start sweep (${sweepCount} jobs)` : "Start training"}
        busyLabel="Starting…"
      />
    </form>
  );
}
