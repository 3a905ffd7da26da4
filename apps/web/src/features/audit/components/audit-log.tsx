"use client";
// The audit log for admins: newest first, 50 at a time, "Older" pages on by event id.
import { useState } from "react";
import { useQuery } from "@tanstack/react-query";
import type { AuditEvent, AuditListResponse } from "@loraboard/contracts";
import { ErrorAlert } from "@/components/error-alert";
import { apiFetch } from "@/lib/api-client";

const BUTTON = "rounded-md border border-slate-300 bg-white px-3 py-1 text-sm font-medium text-slate-800 hover:bg-slate-50 disabled:opacity-40";
const VIA = { session: "signed in", token: "API token", bootstrap: "API_TOKEN" } as const;

function describeDetails(event: AuditEvent): string {
  if (!event.details) return "";
  return Object.entries(event.details)
    .map(([key, value]) => `${key}: ${typeof value === "string" ? value : JSON.stringify(value)}`)
    .join(" · ");
}

export function AuditLog() {
  // The cursors of the pages before the one shown, so "Newer" can go back.
  const [cursors, setCursors] = useState<string[]>([]);
  const cursor = cursors.at(-1);
  const { data, error, isPending } = useQuery({
    queryKey: ["audit", cursor ?? "first"],
    queryFn: () => apiFetch<AuditListResponse>(`/api/audit?limit=50${cursor ? `&cursor=${cursor}` : ""}`),
  });
  if (error) return <ErrorAlert>Could not load the audit log: {error.message}</ErrorAlert>;
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table className="w-full text-left text-sm" data-testid="audit-log">
        <thead className="border-b border-slate-200 bg-slate-50 text-xs uppercase tracking-wide text-slate-500">
          <tr>
            <th scope="col" className="px-3 py-2">When</th>
            <th scope="col" className="px-3 py-2">Who</th>
            <th scope="col" className="px-3 py-2">Action</th>
            <th scope="col" className="px-3 py-2">Target</th>
            <th scope="col" className="px-3 py-2">Details</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {isPending && (
            <tr>
              <td colSpan={5} className="px-3 py-6 text-center text-slate-500">Loading…</td>
            </tr>
          )}
          {data?.items.length === 0 && (
            <tr>
              <td colSpan={5} className="px-3 py-6 text-center text-slate-500">Nothing recorded yet.</td>
            </tr>
          )}
          {data?.items.map((event) => (
            <tr key={event.id} className="align-top">
              <td className="whitespace-nowrap px-3 py-2 text-slate-600">{new Date(event.createdAt).toLocaleString()}</td>
              <td className="px-3 py-2">
                <div className="text-slate-900">{event.actorEmail ?? "API_TOKEN"}</div>
                <div className="text-xs text-slate-500">{VIA[event.via]}</div>
              </td>
              <td className="whitespace-nowrap px-3 py-2 font-mono text-xs text-slate-900">{event.action}</td>
              <td className="px-3 py-2 font-mono text-xs text-slate-700">
                {event.targetType} {event.targetId}
              </td>
              <td className="max-w-md px-3 py-2 text-xs text-slate-600">{describeDetails(event)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <div className="flex justify-end gap-2 border-t border-slate-200 px-4 py-2">
        <button type="button" className={BUTTON} disabled={cursors.length === 0} onClick={() => setCursors((list) => list.slice(0, -1))}>
          Newer
        </button>
        <button type="button" className={BUTTON} disabled={!data?.nextCursor} onClick={() => data?.nextCursor && setCursors((list) => [...list, data.nextCursor!])}>
          Older
        </button>
      </div>
    </div>
  );
}
