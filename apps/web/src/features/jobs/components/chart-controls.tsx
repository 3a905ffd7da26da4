"use client";

/** Smoothing (EMA weight) and log scale, shared by the job page and the compare page. */
export function ChartControls(props: {
  smoothing: number;
  onSmoothingChange: (value: number) => void;
  isLogScale: boolean;
  onLogScaleChange: (value: boolean) => void;
}) {
  return (
    <div className="flex flex-wrap items-center gap-5 text-sm text-slate-700">
      <div className="flex items-center gap-2">
        <label htmlFor="chart-smoothing" className="font-medium">
          Smoothing
        </label>
        <input
          id="chart-smoothing"
          type="range"
          min={0}
          max={0.99}
          step={0.01}
          value={props.smoothing}
          onChange={(e) => props.onSmoothingChange(Number(e.target.value))}
          className="w-36 accent-indigo-600"
          aria-valuetext={props.smoothing === 0 ? "off" : props.smoothing.toFixed(2)}
        />
        <output htmlFor="chart-smoothing" className="w-8 tabular-nums text-slate-600">
          {props.smoothing.toFixed(2)}
        </output>
      </div>
      <label className="flex items-center gap-2 font-medium">
        <input type="checkbox" className="h-4 w-4 accent-indigo-600" checked={props.isLogScale} onChange={(e) => props.onLogScaleChange(e.target.checked)} />
        Log scale
      </label>
    </div>
  );
}
