"use client";
// The new-job form's sweep mode: the values to try, the strategy, the metric that ranks the jobs,
// and how many jobs that makes (announced as it changes).
import { TARGET_MODULES } from "@loraboard/contracts";
import { MAX_SWEEP_JOBS } from "@loraboard/domain";
import { FormField, INPUT_CLASS } from "@/components/form-field";
import { FormSection } from "@/components/form-layout";
import { SWEEP_LIST_FIELDS, sweepJobCount, type SweepFormState } from "../lib/sweep-form";

export function SweepSection(props: {
  state: SweepFormState;
  errorFor: (field: string) => string | null;
  update: (field: string, patch: Partial<SweepFormState>) => void;
}) {
  const { state, errorFor, update } = props;
  const count = sweepJobCount(state);
  const isCountOk = count >= 2 && count <= MAX_SWEEP_JOBS;
  return (
    <FormSection
      id="section-sweep"
      title="Sweep"
      aside={
        <p data-testid="sweep-job-count" data-count={count} aria-live="polite" className={`text-sm font-medium ${isCountOk ? "text-slate-700" : "text-amber-700"}`}>
          {count === 1 ? "1 job" : `${count} jobs`} (2 to {MAX_SWEEP_JOBS})
        </p>
      }
    >
      <p className="mb-3 text-sm text-slate-600">
        Each job takes the hyperparameters above, except the values listed here. Sweep jobs are not loaded or evaluated when they finish:
        promote the winner from the sweep&apos;s page.
      </p>
      <div className="grid gap-x-4 gap-y-3 sm:grid-cols-3">
        {SWEEP_LIST_FIELDS.map(({ key, label, hint, placeholder }) => (
          <FormField
            key={key}
            id={`sweep-${key}`}
            label={label}
            hint={hint}
            placeholder={placeholder}
            autoComplete="off"
            value={state[key]}
            error={errorFor(`space.${key}`)}
            onChange={(event) => update(`space.${key}`, { [key]: event.target.value })}
          />
        ))}
      </div>
      <FormField
        id="sweep-targetModules"
        className="mt-3"
        label="Target module sets"
        hint={`one set per line, e.g. "q_proj v_proj"; of ${TARGET_MODULES.join(", ")}`}
        error={errorFor("space.targetModules")}
      >
        {(aria) => (
          <textarea
            {...aria}
            rows={2}
            className={`${INPUT_CLASS} font-mono`}
            placeholder={"q_proj v_proj\nq_proj k_proj v_proj o_proj"}
            value={state.targetModules}
            onChange={(event) => update("space.targetModules", { targetModules: event.target.value })}
          />
        )}
      </FormField>
      {errorFor("space") && (
        <p role="alert" className="mt-2 text-sm font-medium text-red-700" data-testid="sweep-space-error">
          {errorFor("space")}
        </p>
      )}
      <div className="mt-4 grid gap-x-4 gap-y-3 sm:grid-cols-4">
        <fieldset>
          <legend className="text-sm font-medium text-slate-800">Strategy</legend>
          <div className="mt-1 flex gap-4">
            {(["grid", "random"] as const).map((strategy) => (
              <label key={strategy} className="flex items-center gap-1.5 text-sm text-slate-700">
                <input
                  type="radio"
                  name="sweep-strategy"
                  className="h-4 w-4 accent-indigo-600"
                  checked={state.strategy === strategy}
                  onChange={() => update("strategy", { strategy })}
                />
                {strategy === "grid" ? "Grid (every combination)" : "Random"}
              </label>
            ))}
          </div>
        </fieldset>
        {state.strategy === "random" && (
          <>
            <FormField id="sweep-samples" label="Samples" hint="combinations to draw" inputMode="numeric" value={state.samples} error={errorFor("samples")}
              onChange={(event) => update("samples", { samples: event.target.value })} />
            <FormField id="sweep-seed" label="Sweep seed" hint="same seed, same draw" inputMode="numeric" value={state.seed} error={errorFor("seed")}
              onChange={(event) => update("seed", { seed: event.target.value })} />
          </>
        )}
        <FormField id="sweep-metric" label="Rank by" error={errorFor("metric")}>
          {(aria) => (
            <select {...aria} className={INPUT_CLASS} value={state.metric} onChange={(event) => update("metric", { metric: event.target.value as SweepFormState["metric"] })}>
              <option value="valAccuracy">Validation accuracy (higher is better)</option>
              <option value="evalLoss">Eval loss (lower is better)</option>
            </select>
          )}
        </FormField>
      </div>
    </FormSection>
  );
}
