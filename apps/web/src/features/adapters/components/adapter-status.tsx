import type { AdapterStatus } from "@loraboard/contracts";

const STATUS_STYLES: Record<AdapterStatus, string> = {
  loaded: "bg-emerald-50 text-emerald-700 ring-emerald-300",
  loading: "bg-blue-50 text-blue-700 ring-blue-300",
  unloaded: "bg-slate-100 text-slate-700 ring-slate-300",
  failed: "bg-red-50 text-red-700 ring-red-300",
};

export function AdapterStatusBadge({ status }: { status: AdapterStatus }) {
  return (
    <span
      className={`inline-flex items-center gap-1.5 rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${STATUS_STYLES[status]}`}
      data-testid="adapter-status"
    >
      {status === "loading" && <span className="h-1.5 w-1.5 animate-pulse rounded-full bg-current" aria-hidden />}
      {status}
    </span>
  );
}
