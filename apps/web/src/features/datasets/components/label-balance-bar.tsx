import type { LabelCounts } from "@loraboard/contracts";
import { formatCount, formatPercent } from "./format";

/** Share of label 0 and label 1 as one bar, with the counts spelled out. */
export function LabelBalanceBar({ counts, compact = false }: { counts: LabelCounts; compact?: boolean }) {
  const total = counts["0"] + counts["1"];
  const negative = total === 0 ? 50 : (counts["0"] / total) * 100;
  return (
    <div className={compact ? "min-w-32" : ""}>
      <div
        className={`flex overflow-hidden rounded-full bg-slate-100 ${compact ? "h-1.5" : "h-2.5"}`}
        role="img"
        aria-label={`Label 0: ${formatCount(counts["0"])} (${formatPercent(counts["0"], total)}), label 1: ${formatCount(counts["1"])} (${formatPercent(counts["1"], total)})`}
      >
        <div className="bg-rose-400" style={{ width: `${negative}%` }} />
        <div className="bg-emerald-500" style={{ width: `${100 - negative}%` }} />
      </div>
      <div className={`mt-1 flex justify-between gap-3 text-xs text-slate-600 ${compact ? "" : "tabular-nums"}`}>
        <span>
          <span className="mr-1 inline-block h-2 w-2 rounded-full bg-rose-400" aria-hidden />0: {formatCount(counts["0"])}
        </span>
        <span>
          <span className="mr-1 inline-block h-2 w-2 rounded-full bg-emerald-500" aria-hidden />1: {formatCount(counts["1"])}
        </span>
      </div>
    </div>
  );
}
