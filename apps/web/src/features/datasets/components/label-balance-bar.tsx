import type { LabelCounts } from "@loraboard/contracts";
import { classColor } from "../lib/class-colors";
import { formatCount, formatPercent } from "./format";

/** The most classes named under a compact bar; the rest are summed as "n more". */
const COMPACT_LEGEND = 3;

/** Each class's share as one bar, in class order (the counts' key order), with the counts spelled out. */
export function LabelBalanceBar({ counts, compact = false }: { counts: LabelCounts; compact?: boolean }) {
  const entries = Object.entries(counts);
  const total = entries.reduce((sum, [, count]) => sum + count, 0);
  const legend = compact && entries.length > COMPACT_LEGEND + 1 ? entries.slice(0, COMPACT_LEGEND) : entries;
  const hidden = entries.length - legend.length;
  return (
    <div className={compact ? "min-w-32" : ""}>
      <div
        className={`flex overflow-hidden rounded-full bg-slate-100 ${compact ? "h-1.5" : "h-2.5"}`}
        role="img"
        aria-label={entries.map(([label, count]) => `Label ${label}: ${formatCount(count)} (${formatPercent(count, total)})`).join(", ")}
      >
        {entries.map(([label, count], i) => (
          <div
            key={label}
            style={{ width: `${total === 0 ? 100 / entries.length : (count / total) * 100}%`, backgroundColor: classColor(i, entries.length) }}
          />
        ))}
      </div>
      <div className={`mt-1 flex flex-wrap justify-between gap-x-3 text-xs text-slate-600 ${compact ? "" : "tabular-nums"}`}>
        {legend.map(([label, count], i) => (
          <span key={label} className="min-w-0 truncate" title={`${label}: ${formatCount(count)}`}>
            <span className="mr-1 inline-block h-2 w-2 rounded-full" style={{ backgroundColor: classColor(i, entries.length) }} aria-hidden />
            {label}: {formatCount(count)}
          </span>
        ))}
        {hidden > 0 && <span>+{hidden} more</span>}
      </div>
    </div>
  );
}
