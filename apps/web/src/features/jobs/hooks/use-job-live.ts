"use client";
// A job's metrics and log lines for the whole run: the stored history first (/metrics, /logs), then
// the live event stream (SSE) merged by step and log id. EventSource reconnects by itself with
// Last-Event-ID, and the server replays what it missed, so nothing is lost or shown twice.
import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import { JobLiveEvent, type Job, type JobLogLine, type JobMetricPoint } from "@loraboard/contracts";
import { apiFetch } from "@/lib/api-client";
import { appendLogLines } from "../lib/log-lines";
import { mergeMetricPoints } from "../lib/metrics";
import { jobKeys } from "./use-jobs";

/** The chart keeps the whole run; the server downsamples stored history to this many points. */
export const CHART_MAX_POINTS = 2000;
const FLUSH_MS = 250;
const GAP_FILL_MS = 2_000;

export type StreamState = "idle" | "connecting" | "live" | "reconnecting" | "ended";

async function fetchAllLogs(jobId: string, afterId: string | null): Promise<JobLogLine[]> {
  const lines: JobLogLine[] = [];
  let cursor = afterId;
  for (let page = 0; page < 20; page += 1) {
    const query = new URLSearchParams({ limit: "1000" });
    if (cursor) query.set("afterId", cursor);
    const result = await apiFetch<{ items: JobLogLine[]; nextCursor: string | null }>(`/api/jobs/${encodeURIComponent(jobId)}/logs?${query}`);
    lines.push(...result.items);
    if (!result.nextCursor || result.items.length === 0) break;
    cursor = result.nextCursor;
  }
  return lines;
}

export function useJobLive(jobId: string, isStreaming: boolean) {
  const queryClient = useQueryClient();
  const [metrics, setMetrics] = useState<JobMetricPoint[]>([]);
  const [logs, setLogs] = useState<JobLogLine[]>([]);
  const [isLoaded, setIsLoaded] = useState(false);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [streamState, setStreamState] = useState<StreamState>("idle");
  const historyTail = useRef<{ step: number; logId: string | null } | null>(null);
  const latest = useRef({ metrics, logs });
  latest.current = { metrics, logs };

  // The stored history, once per job.
  useEffect(() => {
    let isCancelled = false;
    setIsLoaded(false);
    historyTail.current = null;
    setMetrics([]);
    setLogs([]);
    setLoadError(null);
    Promise.all([
      apiFetch<{ items: JobMetricPoint[] }>(`/api/jobs/${encodeURIComponent(jobId)}/metrics?afterStep=-1&maxPoints=${CHART_MAX_POINTS}`),
      fetchAllLogs(jobId, null),
    ])
      .then(([history, lines]) => {
        if (isCancelled) return;
        historyTail.current = { step: history.items.at(-1)?.step ?? -1, logId: lines.at(-1)?.id ?? null };
        // Live events may already have arrived: merge, never replace.
        setMetrics((current) => mergeMetricPoints(history.items, current));
        setLogs((current) => appendLogLines(lines, current));
        setIsLoaded(true);
      })
      .catch((error: unknown) => {
        if (!isCancelled) setLoadError(error instanceof Error ? error.message : String(error));
      });
    return () => {
      isCancelled = true;
    };
  }, [jobId]);

  // The live stream, while the job can still change.
  useEffect(() => {
    if (!isStreaming) return;
    setStreamState("connecting");
    const source = new EventSource(`/api/jobs/${encodeURIComponent(jobId)}/events`);
    let pendingMetrics: JobMetricPoint[] = [];
    let pendingLogs: JobLogLine[] = [];
    let flushTimer: ReturnType<typeof setTimeout> | null = null;
    const flush = () => {
      flushTimer = null;
      const metricBatch = pendingMetrics;
      const logBatch = pendingLogs;
      pendingMetrics = [];
      pendingLogs = [];
      if (metricBatch.length) setMetrics((current) => mergeMetricPoints(current, metricBatch));
      if (logBatch.length) setLogs((current) => appendLogLines(current, logBatch));
    };
    const scheduleFlush = () => {
      flushTimer ??= setTimeout(flush, FLUSH_MS);
    };
    // The stream starts at the newest event when it opens, and the worker writes to Postgres about a
    // second after it publishes: what fell between the history read and the stream is read again.
    let gapTimer: ReturnType<typeof setTimeout> | null = null;
    source.onopen = () => {
      setStreamState("live");
      gapTimer ??= setTimeout(() => {
        const tail = historyTail.current;
        if (!tail) return;
        void apiFetch<{ items: JobMetricPoint[] }>(`/api/jobs/${encodeURIComponent(jobId)}/metrics?afterStep=${tail.step}`)
          .then((result) => setMetrics((current) => mergeMetricPoints(current, result.items)))
          .catch(() => undefined);
        void fetchAllLogs(jobId, tail.logId)
          .then((lines) => setLogs((current) => appendLogLines(current, lines)))
          .catch(() => undefined);
      }, GAP_FILL_MS);
    };
    source.onerror = () => setStreamState(source.readyState === EventSource.CLOSED ? "ended" : "reconnecting");
    source.onmessage = (message: MessageEvent<string>) => {
      let parsed;
      try {
        parsed = JobLiveEvent.safeParse(JSON.parse(message.data));
      } catch {
        return;
      }
      if (!parsed.success) return;
      const event = parsed.data;
      if (event.type === "metric") pendingMetrics.push(event.metric);
      else if (event.type === "log") pendingLogs.push(event.line);
      else {
        queryClient.setQueryData<Job>(jobKeys.detail(jobId), (job) => (job ? { ...job, ...event.job } : job));
        // A status event carries only what changed; the rest (the adapter recorded on success, the
        // evaluation, the final figures) is read again, or the page would never show those links.
        void queryClient.invalidateQueries({ queryKey: jobKeys.detail(jobId) });
        void queryClient.invalidateQueries({ queryKey: ["jobs", "list"] });
      }
      scheduleFlush();
    };
    return () => {
      source.close();
      if (flushTimer) clearTimeout(flushTimer);
      if (gapTimer) clearTimeout(gapTimer);
      flush();
      setStreamState("ended");
    };
  }, [jobId, isStreaming, queryClient]);

  // When the stream stops (the job finished), catch up on anything sent after the last event seen.
  const wasStreaming = useRef(isStreaming);
  useEffect(() => {
    if (wasStreaming.current && !isStreaming) {
      const lastStep = latest.current.metrics.at(-1)?.step ?? -1;
      const lastLogId = latest.current.logs.findLast((line) => /^\d+$/.test(line.id))?.id ?? null;
      void apiFetch<{ items: JobMetricPoint[] }>(`/api/jobs/${encodeURIComponent(jobId)}/metrics?afterStep=${lastStep}`)
        .then((result) => setMetrics((current) => mergeMetricPoints(current, result.items)))
        .catch(() => undefined);
      void fetchAllLogs(jobId, lastLogId)
        .then((lines) => setLogs((current) => appendLogLines(current, lines)))
        .catch(() => undefined);
    }
    wasStreaming.current = isStreaming;
  }, [jobId, isStreaming]);

  return { metrics, logs, isLoaded, loadError, streamState };
}
