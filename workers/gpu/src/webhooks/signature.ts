// The signature header of every delivery, Stripe-style: `t=<unix seconds>,v1=<hex HMAC-SHA256 of
// "<t>.<body>" keyed with the webhook's secret>`. The timestamp is signed too, so a receiver can
// refuse replays of old deliveries (docs/webhooks.md shows the check).
import { createHmac } from "node:crypto";

export function signWebhookBody(secret: string, body: string, timestamp: number): string {
  const digest = createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex");
  return `t=${timestamp},v1=${digest}`;
}
