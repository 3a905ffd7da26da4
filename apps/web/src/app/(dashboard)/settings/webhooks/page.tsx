import type { Metadata } from "next";
import { PageHeader } from "@/components/page-header";
import { WebhookManager } from "@/features/webhooks/components/webhook-manager";

export const metadata: Metadata = { title: "Webhooks" };

export default function WebhooksPage() {
  return (
    <>
      <PageHeader
        title="Webhooks"
        description="Be told when it is done: your URLs get a signed POST each time a job or evaluation you started changes status, retried with backoff until they answer 2xx."
      />
      <WebhookManager />
    </>
  );
}
