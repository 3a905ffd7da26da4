import type { EvaluationMetricsBody } from "@loraboard/contracts";
import { CLASS_MEANING, formatCount, formatRatio, type LabelWords } from "../lib/format";

// Correct cells in green, wrong ones in red, invalid answers in amber; the share of the row sets the strength.
const HUES = { correct: [16, 185, 129], wrong: [244, 63, 94], invalid: [245, 158, 11] } as const;

function cellStyle(kind: keyof typeof HUES, share: number) {
  const [r, g, b] = HUES[kind];
  const alpha = share === 0 ? 0 : 0.12 + 0.78 * share;
  return { backgroundColor: `rgba(${r}, ${g}, ${b}, ${alpha.toFixed(3)})`, color: alpha > 0.55 ? "white" : "#0f172a" };
}

/** A real table: rows are the true label, columns the predicted one plus "invalid"; counts and row percentages. */
export function ConfusionMatrix({ confusion, labelWords }: { confusion: EvaluationMetricsBody["confusion"]; labelWords: LabelWords }) {
  const columns = [
    { key: "0", title: `0 · ${labelWords["0"]}`, meaning: CLASS_MEANING["0"] },
    { key: "1", title: `1 · ${labelWords["1"]}`, meaning: CLASS_MEANING["1"] },
    { key: "invalid", title: "invalid", meaning: "no label word" },
  ];
  return (
    <section aria-labelledby="confusion-heading" className="rounded-lg border border-slate-200 bg-white p-4">
      <h2 id="confusion-heading" className="text-sm font-semibold text-slate-900">
        Confusion matrix
      </h2>
      <p className="mt-0.5 text-xs text-slate-500">Rows: the true label. Columns: what the model answered. Percentages are of the row.</p>
      <div className="mt-3 overflow-x-auto">
        <table className="w-full border-separate border-spacing-1 text-sm" data-testid="confusion-matrix">
          <caption className="sr-only">Confusion matrix: true label by predicted label, with an invalid column; counts and row percentages</caption>
          <thead>
            <tr>
              <td className="px-2 py-1 text-xs text-slate-500">
                <span aria-hidden>true ↓ · predicted →</span>
              </td>
              {columns.map((column) => (
                <th key={column.key} scope="col" className="px-2 py-1 text-center text-xs font-semibold text-slate-700">
                  {column.title}
                  <span className="block font-normal text-slate-500">{column.meaning}</span>
                </th>
              ))}
              <th scope="col" className="px-2 py-1 text-right text-xs font-semibold text-slate-700">
                Total
              </th>
            </tr>
          </thead>
          <tbody>
            {(["0", "1"] as const).map((trueLabel, rowIndex) => {
              const row = confusion.matrix[rowIndex] ?? [0, 0, 0];
              const total = row.reduce((a, b) => a + b, 0);
              return (
                <tr key={trueLabel}>
                  <th scope="row" className="whitespace-nowrap px-2 py-1 text-left text-xs font-semibold text-slate-700">
                    true {trueLabel} · {labelWords[trueLabel]}
                    <span className="block font-normal text-slate-500">{CLASS_MEANING[trueLabel]}</span>
                  </th>
                  {columns.map((column, columnIndex) => {
                    const count = row[columnIndex] ?? 0;
                    const share = total > 0 ? count / total : 0;
                    const kind = column.key === "invalid" ? "invalid" : columnIndex === rowIndex ? "correct" : "wrong";
                    return (
                      <td
                        key={column.key}
                        className="h-16 min-w-24 rounded-md px-2 py-1 text-center tabular-nums ring-1 ring-inset ring-slate-200"
                        style={cellStyle(kind, share)}
                        data-testid={`confusion-${trueLabel}-${column.key}`}
                        title={`true ${trueLabel}, answered ${column.key}: ${count} of ${total}`}
                      >
                        <span className="block text-lg font-semibold">{formatCount(count)}</span>
                        <span className="block text-xs">{formatRatio(share)}</span>
                      </td>
                    );
                  })}
                  <td className="px-2 py-1 text-right tabular-nums text-slate-700">{formatCount(total)}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      <ul className="mt-2 flex flex-wrap gap-x-4 gap-y-1 text-xs text-slate-600" aria-label="Colour key">
        <li className="flex items-center gap-1.5">
          <span className="h-3 w-3 rounded-sm" style={cellStyle("correct", 0.8)} aria-hidden /> right
        </li>
        <li className="flex items-center gap-1.5">
          <span className="h-3 w-3 rounded-sm" style={cellStyle("wrong", 0.8)} aria-hidden /> wrong label
        </li>
        <li className="flex items-center gap-1.5">
          <span className="h-3 w-3 rounded-sm" style={cellStyle("invalid", 0.8)} aria-hidden /> invalid answer (counted wrong)
        </li>
        <li>darker = larger share of the row</li>
      </ul>
    </section>
  );
}
