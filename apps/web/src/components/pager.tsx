// The "1–10 of 1,200 · Previous · Next" footer of every paginated table.
const formatCount = (value: number) => value.toLocaleString("en-US");

const BUTTON =
  "rounded-md border border-slate-300 bg-white px-3 py-1 text-sm font-medium text-slate-800 hover:bg-slate-50 disabled:opacity-40";

export function Pager(props: { offset: number; pageSize: number; total: number; onOffsetChange: (offset: number) => void; rangeTestId?: string }) {
  const { offset, pageSize, total } = props;
  return (
    <div className="flex items-center justify-between border-t border-slate-200 px-4 py-2 text-sm text-slate-600">
      <span aria-live="polite" className="tabular-nums" data-testid={props.rangeTestId}>
        {total === 0 ? "0 rows" : `${formatCount(offset + 1)}–${formatCount(Math.min(offset + pageSize, total))} of ${formatCount(total)}`}
      </span>
      <div className="flex gap-2">
        <button type="button" onClick={() => props.onOffsetChange(Math.max(0, offset - pageSize))} disabled={offset === 0} className={BUTTON}>
          Previous
        </button>
        <button type="button" onClick={() => props.onOffsetChange(offset + pageSize)} disabled={offset + pageSize >= total} className={BUTTON}>
          Next
        </button>
      </div>
    </div>
  );
}
