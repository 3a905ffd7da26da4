import type { Evaluation, EvaluationMetricsBody } from "@loraboard/contracts";
import { formatCount, formatRate, formatRatio } from "../lib/format";
import { countConfusion } from "../lib/report";

/** The report's numbers: accuracy counts invalid answers as wrong; the valid-only figure is shown beside it, labelled. */
export function HeadlineMetrics({ evaluation, metrics }: { evaluation: Evaluation; metrics: EvaluationMetricsBody }) {
  const { all: rows, invalid, correct } = countConfusion(metrics.confusion.matrix);
  return (
    <section aria-labelledby="headline-heading">
      <h2 id="headline-heading" className="sr-only">
        Headline numbers
      </h2>
      <dl className="grid gap-3 sm:grid-cols-2 lg:grid-cols-6">
        <Stat
          testId="stat-accuracy"
          label="Accuracy"
          value={formatRatio(metrics.accuracy)}
          note={`${formatCount(correct)} of ${formatCount(rows)} right; invalid answers count as wrong`}
          isPrimary
        />
        <Stat
          testId="stat-valid-accuracy"
          label="Valid-only accuracy"
          value={formatRatio(metrics.validAccuracy)}
          note="The tutorial's figure: it leaves invalid answers out, so it hides them"
        />
        <Stat
          testId="stat-invalid-rate"
          label="Invalid rate"
          value={formatRatio(metrics.invalidRate)}
          note={`${formatCount(invalid)} ${invalid === 1 ? "answer has" : "answers have"} no label word`}
          isWarning={metrics.invalidRate > 0}
        />
        <Stat testId="stat-macro-f1" label="Macro-F1" value={metrics.macroF1.toFixed(3)} note={`Mean of the ${Object.keys(metrics.perClass).length === 2 ? "two" : Object.keys(metrics.perClass).length} classes' F1`} />
        <Stat testId="stat-throughput" label="Samples / s" value={formatRate(evaluation.samplesPerSecond)} note="Rows answered per second" />
        <Stat testId="stat-rows" label="Rows" value={formatCount(rows)} note={`of the ${evaluation.split} split`} />
      </dl>
    </section>
  );
}

function Stat(props: { testId: string; label: string; value: string; note: string; isPrimary?: boolean; isWarning?: boolean }) {
  return (
    <div
      className={`rounded-lg border bg-white p-4 ${props.isPrimary ? "border-indigo-300 ring-1 ring-indigo-200" : "border-slate-200"}`}
      data-testid={props.testId}
    >
      <dt className="text-xs font-medium uppercase tracking-wide text-slate-500">{props.label}</dt>
      <dd
        className={`mt-1 text-2xl font-semibold tabular-nums ${props.isPrimary ? "text-indigo-700" : props.isWarning ? "text-amber-700" : "text-slate-900"}`}
      >
        {props.value}
      </dd>
      <dd className="mt-1 text-xs leading-snug text-slate-500">{props.note}</dd>
    </div>
  );
}
