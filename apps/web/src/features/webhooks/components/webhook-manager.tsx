"use client";

import { useState } from "react";
import type { CreatedWebhook, WebhookSummary } from "@loraboard/contracts";
import { EmptyState } from "@/components/empty-state";
import { ErrorAlert } from "@/components/error-alert";
import { useDeleteWebhook, useTestWebhook, useWebhooks } from "../hooks/use-webhooks";
import { DeliveryLog } from "./delivery-log";
import { WebhookForm } from "./webhook-form";

const SMALL_BUTTON = "rounded-md border px-2.5 py-1 text-xs font-medium disabled:opacity-60";

export function WebhookManager() {
  const { data, error, isPending } = useWebhooks();
  const [created, setCreated] = useState<CreatedWebhook | null>(null);
  const [actionError, setActionError] = useState<string | null>(null);

  return (
    <div className="space-y-6">
      <WebhookForm onCreated={setCreated} />
      {created && (
        <div role="status" className="rounded-lg border border-emerald-200 bg-emerald-50 p-4 text-sm text-emerald-900" data-testid="created-webhook">
          <p className="font-medium">Copy the signing secret of {created.url} now: it is not shown again.</p>
          <code className="mt-2 block break-all rounded bg-white px-3 py-2 font-mono text-slate-900" data-testid="created-webhook-secret">
            {created.secret}
          </code>
          <p className="mt-2 text-emerald-800">
            Your receiver checks each delivery&apos;s <code>Loraboard-Signature</code> header with it (docs/webhooks.md shows how).
          </p>
        </div>
      )}
      {(actionError || error) && <ErrorAlert>{actionError ?? error?.message}</ErrorAlert>}
      {isPending ? (
        <p className="text-sm text-slate-500">Loading webhooks…</p>
      ) : data && data.items.length === 0 ? (
        <EmptyState title="No webhooks yet">
          Add a URL above and loraboard POSTs to it, signed, whenever a job or evaluation you started is queued, starts, is
          evaluated, succeeds, fails or is cancelled.
        </EmptyState>
      ) : (
        <ul className="space-y-4" aria-label="Your webhooks">
          {data?.items.map((webhook) => <WebhookCard key={webhook.id} webhook={webhook} onError={setActionError} />)}
        </ul>
      )}
    </div>
  );
}

function WebhookCard({ webhook, onError }: { webhook: WebhookSummary; onError: (message: string | null) => void }) {
  const test = useTestWebhook();
  const remove = useDeleteWebhook();
  const onFailure = (failure: Error) => onError(failure.message);
  return (
    <li className="rounded-lg border border-slate-200 bg-white" data-testid="webhook-card" data-url={webhook.url}>
      <div className="flex flex-wrap items-center gap-3 border-b border-slate-100 px-4 py-3">
        <div className="min-w-0 flex-1">
          <p className="truncate font-mono text-sm text-slate-900">{webhook.url}</p>
          <p className="text-xs text-slate-500">
            {webhook.events.length} event{webhook.events.length === 1 ? "" : "s"} · added {new Date(webhook.createdAt).toLocaleString()}
          </p>
        </div>
        <button
          type="button"
          onClick={() => { onError(null); test.mutate(webhook.id, { onError: onFailure }); }}
          disabled={test.isPending}
          className={`${SMALL_BUTTON} border-indigo-200 text-indigo-700 hover:bg-indigo-50`}
          aria-label={`Send a test delivery to ${webhook.url}`}
        >
          Send test
        </button>
        <button
          type="button"
          onClick={() => { onError(null); remove.mutate(webhook.id, { onError: onFailure }); }}
          disabled={remove.isPending}
          className={`${SMALL_BUTTON} border-red-200 text-red-700 hover:bg-red-50`}
          aria-label={`Delete the webhook ${webhook.url}`}
        >
          Delete
        </button>
      </div>
      <div className="px-1 py-2">
        <DeliveryLog webhookId={webhook.id} url={webhook.url} />
      </div>
    </li>
  );
}
