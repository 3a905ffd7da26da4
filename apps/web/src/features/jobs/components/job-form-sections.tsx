"use client";
// The new-job form's "Data and model" and "Prompt" sections; the form (new-job-form.tsx) owns the
// state and passes each field's value, error and update down.
import { FormField, INPUT_CLASS } from "@/components/form-field";
import { FormSection, NoDatasetsHint } from "@/components/form-layout";
import type { useBaseModels, useDatasetOptions } from "@/hooks/use-catalog";
import type { JobFormState } from "../lib/job-form";
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

export function PromptSection(props: SectionProps & { isTemplateValid: boolean }) {
  const { form, errorFor, update } = props;
  const maxLength = Number(form.hyperparameters.maxLength);
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
          <div className="grid grid-cols-2 gap-4">
            <FormField
              id="job-label-0"
              label="Label word for 0 (negative)"
              error={errorFor("labelWords.0")}
              value={form.labelWord0}
              onChange={(e) => update("labelWords.0", { labelWord0: e.target.value })}
            />
            <FormField
              id="job-label-1"
              label="Label word for 1 (positive)"
              error={errorFor("labelWords.1") ?? errorFor("labelWords")}
              value={form.labelWord1}
              onChange={(e) => update("labelWords.1", { labelWord1: e.target.value })}
            />
          </div>
        </div>
        <PromptPreview
          baseModelId={form.baseModelId}
          promptTemplate={form.promptTemplate}
          labelWords={{ "0": form.labelWord0, "1": form.labelWord1 }}
          isTemplateValid={props.isTemplateValid}
          maxLength={Number.isFinite(maxLength) ? maxLength : null}
        />
      </div>
    </FormSection>
  );
}
