"use client";

import { useState } from "react";
import { WEBHOOK_EVENTS, type CreatedWebhook, type WebhookEvent } from "@loraboard/contracts";
import { FieldError, FormError, FormField } from "@/components/form-field";
import { PRIMARY_BUTTON } from "@/components/styles";
import { useApiForm, useTextFields } from "@/hooks/use-api-form";
import { useCreateWebhook } from "../hooks/use-webhooks";

/** A new webhook: its URL, an optional secret (else one is made) and the events it receives. */
export function WebhookForm({ onCreated }: { onCreated: (webhook: CreatedWebhook) => void }) {
  const create = useCreateWebhook();
  const [events, setEvents] = useState<ReadonlySet<WebhookEvent>>(() => new Set(WEBHOOK_EVENTS));
  const form = useApiForm({
    fields: ["url", "secret", "events"] as const,
    codeFields: { webhook_url_refused: "url" },
    errors: events.size === 0 ? { events: "Pick at least one event." } : {},
  });
  const text = useTextFields<"url" | "secret">(form, { url: "", secret: "" });

  const toggle = (event: WebhookEvent) => {
    setEvents((current) => {
      const next = new Set(current);
      if (!next.delete(event)) next.add(event);
      return next;
    });
    form.change("events");
  };

  const submit = form.handleSubmit(async () => {
    const secret = text.values.secret.trim();
    const created = await create.mutateAsync({
      url: text.values.url.trim(),
      ...(secret ? { secret } : {}),
      ...(events.size < WEBHOOK_EVENTS.length ? { events: [...events] } : {}),
    });
    onCreated(created);
    text.reset();
  });

  return (
    <form onSubmit={submit} className="space-y-4 rounded-lg border border-slate-200 bg-white p-4" aria-labelledby="new-webhook-heading">
      <h2 id="new-webhook-heading" className="text-base font-semibold text-slate-900">New webhook</h2>
      <div className="flex flex-wrap gap-3">
        <FormField
          id="webhook-url"
          label="Payload URL"
          className="min-w-80 flex-[2]"
          type="url"
          required
          maxLength={2000}
          placeholder="https://ci.example.com/hooks/loraboard"
          hint="Gets a signed POST for each event; http(s), public addresses only unless the server allows private ones."
          {...text.bind("url")}
        />
        <FormField
          id="webhook-secret"
          label="Secret (optional)"
          className="min-w-64 flex-1"
          minLength={16}
          maxLength={200}
          autoComplete="off"
          hint="At least 16 characters; left empty, one is generated and shown once."
          {...text.bind("secret")}
        />
      </div>
      <fieldset aria-describedby={form.errorFor("events") ? "webhook-events-error" : undefined}>
        <legend className="text-sm font-medium text-slate-800">Events</legend>
        <div className="mt-1 grid grid-cols-2 gap-x-6 gap-y-1 text-sm sm:grid-cols-4">
          {WEBHOOK_EVENTS.map((event) => (
            <label key={event} className="flex items-center gap-2 text-slate-700">
              <input type="checkbox" checked={events.has(event)} onChange={() => toggle(event)} />
              <code className="text-xs">{event}</code>
            </label>
          ))}
        </div>
        <FieldError id="webhook-events-error" error={form.errorFor("events")} />
      </fieldset>
      <button type="submit" disabled={form.isSubmitting} className={PRIMARY_BUTTON}>
        Add webhook
      </button>
      <FormError id="webhook-form-error" error={form.formError} />
    </form>
  );
}
