// Log lines of a job from two sources (stored history and the live stream), each line once.
import type { JobLogLine } from "@loraboard/contracts";

/** The console keeps the newest lines of very long runs. */
export const MAX_LOG_LINES = 5000;

/**
 * A line's identity across sources: live events may carry no database id yet (the worker publishes
 * before its batched insert), so the same line from /logs and from the stream is matched by content.
 */
export function logLineKey(line: JobLogLine): string {
  return `${line.createdAt}|${line.stream}|${line.line}`;
}

export function appendLogLines(current: JobLogLine[], incoming: JobLogLine[]): JobLogLine[] {
  if (incoming.length === 0) return current;
  const seen = new Set(current.map(logLineKey));
  const fresh = incoming.filter((line) => {
    const key = logLineKey(line);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  if (fresh.length === 0) return current;
  const merged = [...current, ...fresh];
  return merged.length > MAX_LOG_LINES ? merged.slice(merged.length - MAX_LOG_LINES) : merged;
}

