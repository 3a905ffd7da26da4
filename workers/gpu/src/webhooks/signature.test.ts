// The signature a receiver checks, and how long a failed delivery waits before its next attempt.
import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { webhookBackoff } from "./send-delivery";
import { signWebhookBody } from "./signature";

describe("signWebhookBody", () => {
  it("signs '<t>.<body>' with HMAC-SHA256 in hex, timestamp first", () => {
    const body = '{"event":"ping"}';
    const expected = createHmac("sha256", "whsec_secret").update(`1764921600.${body}`).digest("hex");
    expect(signWebhookBody("whsec_secret", body, 1764921600)).toBe(`t=1764921600,v1=${expected}`);
    expect(signWebhookBody("another", body, 1764921600)).not.toContain(expected);
  });
});

describe("webhookBackoff", () => {
  it("waits the base after the first failure, then twice as long each time", () => {
    const delay = webhookBackoff(30);
    expect([1, 2, 3, 4, 5].map(delay)).toEqual([30_000, 60_000, 120_000, 240_000, 480_000]);
  });
});
