// Small display helpers for the datasets pages.
export { formatBytes } from "@/lib/format";
export const formatCount = (n: number) => n.toLocaleString("en-US");

export function formatPercent(part: number, whole: number): string {
  if (whole === 0) return "0%";
  return `${((part / whole) * 100).toFixed(1)}%`;
}

export function formatDate(iso: string): string {
  return new Date(iso).toLocaleString("en-GB", { dateStyle: "medium", timeStyle: "short" });
}

export const SPLIT_LABELS = { train: "Train", val: "Validation", test: "Test" } as const;
