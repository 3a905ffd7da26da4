"use client";
// A job's metrics and log lines for the whole run: the stored history first (/metrics, /logs), then
// the live event stream (SSE) merged by step and log id. EventSource reconnects by itself with
// Last-Event-ID, and the server replays what it missed, so nothing is lost or shown twice.
import { useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import { JobLiveEvent, type Job, type JobLogLine, type JobMetricPoint } from "@loraboard/contracts";
import { apiFetch } from "@/lib/api-client";
import { mergeMetricPoints } from "../lib/metrics";
import { jobKeys } from "./use-jobs";

/** The chart keeps the whole run; the server downsamples stored history to this many points. */
export const CHART_MAX_POINTS = 2000;
const MAX_LOG_LINES = 5000;
const FLUSH_MS = 250;

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

function appendLogLines(current: JobLogLine[], incoming: JobLogLine[]): JobLogLine[] {
  if (incoming.length === 0) return current;
  const seen = new Set(current.map((line) => line.id));
  const fresh = incoming.filter((line) => !seen.has(line.id) && (seen.add(line.id), true));
  if (fresh.length === 0) return current;
  const merged = [...current, ...fresh];
  return merged.length > MAX_LOG_LINES ? merged.slice(merged.length - MAX_LOG_LINES) : merged;
}

export function useJobLive(jobId: string, isStreaming: boolean) {
  const queryClient = useQueryClient();
  const [metrics, setMetrics] = useState<JobMetricPoint[]>([]);
  const [logs, setLogs] = useState<JobLogLine[]>([]);
  const [isLoaded, setIsLoaded] = useState(false);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [streamState, setStreamState] = useState<StreamState>("idle");
  const latest = useRef({ metrics, logs });
  latest.current = { metrics, logs };

  // The stored history, once per job.
  useEffect(() => {
    let isCancelled = false;
    setIsLoaded(false);
    setMetrics([]);
    setLogs([]);
    setLoadError(null);
    Promise.all([
      apiFetch<{ items: JobMetricPoint[] }>(`/api/jobs/${encodeURIComponent(jobId)}/metrics?afterStep=-1&maxPoints=${CHART_MAX_POINTS}`),
      fetchAllLogs(jobId, null),
    ])
      .then(([history, lines]) => {
        if (isCancelled) return;
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
    source.onopen = () => setStreamState("live");
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
        void queryClient.invalidateQueries({ queryKey: ["jobs", "list"] });
      }
      scheduleFlush();
    };
    return () => {
      source.close();
      if (flushTimer) clearTimeout(flushTimer);
      flush();
      setStreamState("ended");
    };
  }, [jobId, isStreaming, queryClient]);

  // When the stream stops (the job finished), catch up on anything sent after the last event seen.
  const wasStreaming = useRef(isStreaming);
  useEffect(() => {
    if (wasStreaming.current && !isStreaming) {
      const lastStep = latest.current.metrics.at(-1)?.step ?? -1;
      const lastLogId = latest.current.logs.at(-1)?.id ?? null;
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
