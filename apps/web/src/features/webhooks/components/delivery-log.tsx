"use client";

import type { WebhookDelivery } from "@loraboard/contracts";
import { useWebhookDeliveries } from "../hooks/use-webhooks";

const STATUS_STYLES: Record<WebhookDelivery["status"], string> = {
  pending: "bg-slate-100 text-slate-700 ring-slate-300",
  succeeded: "bg-emerald-50 text-emerald-700 ring-emerald-300",
  failed: "bg-red-50 text-red-700 ring-red-300",
};

/** The newest deliveries of one webhook: event, status, attempts and the last answer. */
export function DeliveryLog({ webhookId, url }: { webhookId: string; url: string }) {
  const { data, error, isPending } = useWebhookDeliveries(webhookId);
  if (isPending) return <p className="text-sm text-slate-500">Loading deliveries…</p>;
  if (error) return <p role="alert" className="text-sm text-red-700">{error.message}</p>;
  if (data.items.length === 0) {
    return <p className="text-sm text-slate-600">No deliveries yet: they appear when a job or evaluation you started changes status, or when you send a test.</p>;
  }
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-left text-sm" data-testid="delivery-log">
        <caption className="sr-only">Deliveries to {url}, newest first</caption>
        <thead className="border-b border-slate-200 text-xs uppercase tracking-wide text-slate-500">
          <tr>
            <th scope="col" className="px-3 py-2">Event</th>
            <th scope="col" className="px-3 py-2">Status</th>
            <th scope="col" className="px-3 py-2">Attempts</th>
            <th scope="col" className="px-3 py-2">Last answer</th>
            <th scope="col" className="px-3 py-2">Created</th>
          </tr>
        </thead>
        <tbody>
          {data.items.map((delivery) => (
            <tr key={delivery.id} className="border-b border-slate-100 last:border-0" data-testid="delivery-row" data-event={delivery.event}>
              <td className="px-3 py-2 font-mono text-xs">{delivery.event}</td>
              <td className="px-3 py-2">
                <span className={`rounded-full px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${STATUS_STYLES[delivery.status]}`} data-testid="delivery-status">
                  {delivery.status}
                </span>
              </td>
              <td className="px-3 py-2 tabular-nums" data-testid="delivery-attempts">{delivery.attempts}</td>
              <td className="px-3 py-2 text-xs" data-testid="delivery-answer">
                {/* lastError already starts with "HTTP <code>" when the receiver answered. */}
                {delivery.lastError ? (
                  <span className="text-red-700">{delivery.lastError}</span>
                ) : delivery.lastStatusCode !== null ? (
                  <span className="font-mono">HTTP {delivery.lastStatusCode}</span>
                ) : (
                  <span className="text-slate-500">not tried yet</span>
                )}
              </td>
              <td className="px-3 py-2 text-xs text-slate-600">{new Date(delivery.createdAt).toLocaleString()}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
