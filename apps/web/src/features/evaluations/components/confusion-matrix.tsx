import type { EvaluationMetricsBody } from "@loraboard/contracts";
import { CLASS_MEANING, formatCount, formatRatio, labelName, type LabelWords } from "../lib/format";

// Correct cells in green, wrong ones in red, invalid answers in amber; the share of the row sets the strength.
const HUES = { correct: [16, 185, 129], wrong: [244, 63, 94], invalid: [245, 158, 11] } as const;
/** From this many classes on, cells shrink and headers are cut short (full names on hover). */
const COMPACT_FROM = 5;

function cellStyle(kind: keyof typeof HUES, share: number) {
  const [r, g, b] = HUES[kind];
  const alpha = share === 0 ? 0 : 0.12 + 0.78 * share;
  return { backgroundColor: `rgba(${r}, ${g}, ${b}, ${alpha.toFixed(3)})`, color: alpha > 0.55 ? "white" : "#0f172a" };
}

const meaningOf = (key: string, isBinary: boolean) => (isBinary && (key === "0" || key === "1") ? CLASS_MEANING[key] : undefined);

/**
 * A real table: rows are the true label, columns the predicted one plus "invalid"; counts and row
 * percentages. Many classes get compact cells, a sticky row header and a horizontal scroll.
 */
export function ConfusionMatrix({ confusion, labelWords }: { confusion: EvaluationMetricsBody["confusion"]; labelWords: LabelWords }) {
  const classes = confusion.labels.slice(0, -1);
  const isBinary = classes.length === 2 && classes[0] === "0" && classes[1] === "1";
  const isCompact = classes.length >= COMPACT_FROM;
  const titleOf = (key: string) => (isBinary ? `${key} · ${labelWords[key] ?? key}` : labelName(key, labelWords));
  const columns = [
    ...classes.map((key) => ({ key, title: titleOf(key), meaning: meaningOf(key, isBinary) })),
    { key: "invalid", title: "invalid", meaning: "no label word" },
  ];
  return (
    <section aria-labelledby="confusion-heading" className="rounded-lg border border-slate-200 bg-white p-4">
      <h2 id="confusion-heading" className="text-sm font-semibold text-slate-900">
        Confusion matrix
      </h2>
      <p className="mt-0.5 text-xs text-slate-500">
        Rows: the true label. Columns: what the model answered. Percentages are of the row.
        {isCompact && ` ${classes.length} classes: hover a cell or header for its full name.`}
      </p>
      <div className="mt-3 max-h-[36rem] overflow-auto">
        <table className={`border-separate border-spacing-1 text-sm ${isCompact ? "" : "w-full"}`} data-testid="confusion-matrix">
          <caption className="sr-only">Confusion matrix: true label by predicted label, with an invalid column; counts and row percentages</caption>
          <thead>
            <tr>
              <td className="sticky left-0 bg-white px-2 py-1 text-xs text-slate-500">
                <span aria-hidden>true ↓ · predicted →</span>
              </td>
              {columns.map((column) => (
                <th
                  key={column.key}
                  scope="col"
                  title={column.title}
                  className={`px-1 py-1 text-center text-xs font-semibold text-slate-700 ${isCompact ? "max-w-16 truncate" : ""}`}
                >
                  {column.title}
                  {column.meaning && <span className="block font-normal text-slate-500">{column.meaning}</span>}
                </th>
              ))}
              <th scope="col" className="px-2 py-1 text-right text-xs font-semibold text-slate-700">
                Total
              </th>
            </tr>
          </thead>
          <tbody>
            {classes.map((trueLabel, rowIndex) => {
              const row = confusion.matrix[rowIndex] ?? [];
              const total = row.reduce((a, b) => a + b, 0);
              const meaning = meaningOf(trueLabel, isBinary);
              return (
                <tr key={trueLabel}>
                  <th
                    scope="row"
                    title={titleOf(trueLabel)}
                    className={`sticky left-0 z-10 bg-white px-2 py-1 text-left text-xs font-semibold text-slate-700 ${isCompact ? "max-w-32 truncate" : "whitespace-nowrap"}`}
                  >
                    true {titleOf(trueLabel)}
                    {meaning && <span className="block font-normal text-slate-500">{meaning}</span>}
                  </th>
                  {columns.map((column, columnIndex) => {
                    const count = row[columnIndex] ?? 0;
                    const share = total > 0 ? count / total : 0;
                    const kind = column.key === "invalid" ? "invalid" : columnIndex === rowIndex ? "correct" : "wrong";
                    return (
                      <td
                        key={column.key}
                        className={`rounded-md px-1 py-1 text-center tabular-nums ring-1 ring-inset ring-slate-200 ${isCompact ? "h-10 min-w-12" : "h-16 min-w-24"}`}
                        style={cellStyle(kind, share)}
                        data-testid={`confusion-${trueLabel}-${column.key}`}
                        title={`true ${trueLabel}, answered ${column.key}: ${count} of ${total}`}
                      >
                        <span className={`block font-semibold ${isCompact ? "text-sm" : "text-lg"}`}>{formatCount(count)}</span>
                        <span className="block text-xs">{formatRatio(share, isCompact ? 0 : 1)}</span>
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
