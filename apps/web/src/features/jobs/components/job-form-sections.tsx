"use client";
// The new-job form's "Data and model" and "Prompt" sections, its adapter-shape and best-checkpoint fields; the form (new-job-form.tsx) owns the
// state and passes each field's value, error and update down.
import { FormField, INPUT_CLASS } from "@/components/form-field";
import { FormSection, NoDatasetsHint } from "@/components/form-layout";
import type { useBaseModels, useDatasetOptions } from "@/hooks/use-catalog";
import { checkLabelWordInputs, labelWordField } from "../lib/label-words-form";
import { BEST_MODEL_METRICS, type JobFormState, type MetricForBestModel } from "../lib/job-form";
import { LabelWordsEditor } from "./label-words-editor";
import { PromptPreview } from "./prompt-preview";

interface SectionProps {
  form: JobFormState;
  errorFor: (field: string) => string | null;
  update: (field: string, patch: Partial<JobFormState>) => void;
}

export function DataAndModelSection(
  props: SectionProps & {
    datasets: ReturnType<typeof useDatasetOptions>;
    baseModels: ReturnType<typeof useBaseModels>;
    changeBaseModel: (baseModelId: string) => void;
  },
) {
  const { form, errorFor, update, datasets, baseModels } = props;
  const datasetItems = datasets.data?.items ?? [];
  const hasNoDatasets = datasets.isSuccess && datasetItems.length === 0;
  return (
    <FormSection id="section-data" title="Data and model">
      <div className="grid gap-4 md:grid-cols-3">
        <FormField
          id="job-dataset"
          label="Dataset"
          error={errorFor("datasetId")}
          hint={hasNoDatasets ? <NoDatasetsHint href="/datasets" testId="no-datasets" /> : null}
        >
          {(aria) => (
            <select {...aria} className={INPUT_CLASS} value={form.datasetId} disabled={hasNoDatasets} onChange={(e) => update("datasetId", { datasetId: e.target.value })}>
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
        <FormField id="job-base-model" label="Base model" error={errorFor("baseModelId")}>
          {(aria) => (
            <select {...aria} className={INPUT_CLASS} value={form.baseModelId} onChange={(e) => props.changeBaseModel(e.target.value)}>
              {!form.baseModelId && <option value="">{baseModels.isPending ? "Loading…" : "Pick a base model"}</option>}
              {baseModels.data?.items.map((model) => (
                <option key={model.id} value={model.id}>
                  {model.name}
                </option>
              ))}
            </select>
          )}
        </FormField>
        <FormField
          id="job-name"
          label="Name (optional)"
          error={errorFor("name")}
          value={form.name}
          maxLength={100}
          placeholder="named after the dataset when empty"
          onChange={(e) => update("name", { name: e.target.value })}
        />
      </div>
    </FormSection>
  );
}

export function PromptSection(props: SectionProps & { isTemplateValid: boolean; labels: (string | number)[] }) {
  const { form, errorFor, update } = props;
  const maxLength = Number(form.hyperparameters.maxLength);
  const { warnings } = checkLabelWordInputs(form.labelWords, props.labels);
  return (
    <FormSection id="section-prompt" title="Prompt">
      <div className="grid gap-5 lg:grid-cols-2">
        <div className="space-y-3">
          <FormField
            id="job-prompt-template"
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
        </div>
        <PromptPreview
          baseModelId={form.baseModelId}
          promptTemplate={form.promptTemplate}
          labelWords={form.labelWords}
          isTemplateValid={props.isTemplateValid}
          maxLength={Number.isFinite(maxLength) ? maxLength : null}
        />
      </div>
      <div className="mt-5">
        <h3 className="text-sm font-medium text-slate-800">Label words</h3>
        <p className="mb-2 text-xs text-slate-500">The word the model learns to answer for each label of the dataset.</p>
        <LabelWordsEditor
          datasetId={form.datasetId}
          baseModelId={form.baseModelId}
          promptTemplate={form.promptTemplate}
          isTemplateValid={props.isTemplateValid}
          maxLength={Number.isFinite(maxLength) ? maxLength : null}
          labels={props.labels}
          words={form.labelWords}
          onChange={(label, word) => update(labelWordField(label), { labelWords: { ...form.labelWords, [label]: word } })}
          errorFor={errorFor}
          warnings={warnings}
        />
      </div>
    </FormSection>
  );
}

/** Which blocks the adapter reaches and whether the run is compiled: set by presets (the SmolLM2 CPU
 * preset adapts its last 20 blocks, compiled), so editing them makes the preset "custom". */
export function AdapterShapeFields({ form, errorFor, update }: SectionProps) {
  return (
    <div className="mt-4 grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
      <FormField
        id="hp-loraTopLayers"
        label="Adapt the last N blocks"
        hint="LoRA on the top transformer blocks only: the backward stops there (faster); empty = every block"
        error={errorFor("hyperparameters.loraTopLayers")}
        inputMode="numeric"
        autoComplete="off"
        placeholder="all"
        value={form.loraTopLayers}
        onChange={(e) => update("hyperparameters.loraTopLayers", { loraTopLayers: e.target.value })}
      />
      <div className="flex items-start gap-2 pt-6">
        <input
          id="hp-torchCompile"
          type="checkbox"
          className="mt-0.5 h-4 w-4 accent-indigo-600"
          aria-describedby="hp-torchCompile-hint"
          checked={form.torchCompile}
          onChange={(e) => update("hyperparameters.torchCompile", { torchCompile: e.target.checked })}
        />
        <div>
          <label htmlFor="hp-torchCompile" className="text-sm font-medium text-slate-800">
            Compile the model
          </label>
          <p id="hp-torchCompile-hint" className="text-xs text-slate-500">
            torch.compile: tens of seconds at the start, faster steps after; GPU jobs long enough to repay it compile anyway
          </p>
        </div>
      </div>
    </div>
  );
}

/** Which checkpoint becomes the adapter, and when training stops early (issue 17). */
// Presets and base models leave them as they are, so editing them makes no preset "custom".
export function BestCheckpointFields({ form, errorFor, update }: SectionProps) {
  return (
    <div className="mt-4 grid gap-4 sm:grid-cols-2 lg:grid-cols-3">
      <FormField
        id="hp-metricForBestModel"
        label="Best checkpoint by"
        hint="the published adapter is the best checkpoint by this metric (loss: the lowest)"
        error={errorFor("hyperparameters.metricForBestModel")}
      >
        {(aria) => (
          <select
            {...aria}
            className={INPUT_CLASS}
            value={form.metricForBestModel}
            onChange={(e) => update("hyperparameters.metricForBestModel", { metricForBestModel: e.target.value as MetricForBestModel })}
          >
            {BEST_MODEL_METRICS.map(({ value, label }) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        )}
      </FormField>
      <FormField
        id="hp-earlyStoppingPatience"
        label="Early stopping patience"
        hint="evaluations without improvement before stopping; empty = off"
        error={errorFor("hyperparameters.earlyStoppingPatience")}
        inputMode="numeric"
        autoComplete="off"
        placeholder="off"
        value={form.earlyStoppingPatience}
        onChange={(e) => update("hyperparameters.earlyStoppingPatience", { earlyStoppingPatience: e.target.value })}
      />
    </div>
  );
}
