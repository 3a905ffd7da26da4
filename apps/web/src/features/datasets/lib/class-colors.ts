// One color per class for balance bars and stacked histograms: rose/emerald for a 0/1 dataset as
// before, a 12-color palette (repeating after 12) for more classes.
const BINARY = ["#fb7185", "#10b981"];
const PALETTE = ["#3b82f6", "#f59e0b", "#10b981", "#ef4444", "#8b5cf6", "#06b6d4", "#ec4899", "#84cc16", "#f97316", "#6366f1", "#14b8a6", "#a855f7"];

export function classColor(index: number, classCount: number): string {
  if (classCount === 2) return BINARY[index]!;
  return PALETTE[index % PALETTE.length]!;
}
