// The webhook API against real Postgres and Redis: what a body must be, the SSRF guard (this file
// runs with private URLs refused, as a fresh install does), everyone sees only their own webhooks,
// and job status changes made through the API queue deliveries for the job creator's webhooks only.
import { describe, expect, it } from "vitest";
import { getDb } from "@loraboard/db/server";
import { QueueName } from "@loraboard/queue";
import { getQueue } from "@loraboard/queue/server";
import { GET as listRoute, POST as createRoute } from "@/app/api/webhooks/route";
import { DELETE as deleteRoute } from "@/app/api/webhooks/[id]/route";
import { GET as deliveriesRoute } from "@/app/api/webhooks/[id]/deliveries/route";
import { POST as testRoute } from "@/app/api/webhooks/[id]/test/route";
import { POST as createJobRoute } from "@/app/api/jobs/route";
import { POST as cancelRoute } from "@/app/api/jobs/[id]/cancel/route";
import { apiRequest, routeParams } from "../../../../../tests/helpers/api";
import { createTestAccount } from "../../../../../tests/helpers/accounts";
import { createDataset } from "../../../../../tests/helpers/factories";

// Read lazily by the web's settings (server/env.ts), and this file's modules are its own.
process.env.WEBHOOK_ALLOW_PRIVATE_URLS = "false";

// A public address: nothing is sent to it here, creating a webhook only resolves its host.
const PUBLIC_URL = "https://93.184.215.14/hooks/loraboard";

const post = (path: string, token: string | null, body?: unknown) =>
  apiRequest(path, {
    method: "POST",
    token,
    ...(body === undefined ? {} : { body: JSON.stringify(body), headers: { "content-type": "application/json" } }),
  });

async function createWebhook(token: string | null, body: unknown) {
  const response = await createRoute(post("/api/webhooks", token, body), routeParams({}));
  return { status: response.status, body: await response.json() };
}

describe("POST /api/webhooks", () => {
  it("refuses a bad body with what to fix, and stores nothing", async () => {
    const { token } = await createTestAccount();
    const cases: [unknown, string][] = [
      [{}, "url"],
      [{ url: "not a url" }, "absolute URL"],
      [{ url: "ftp://93.184.215.14/x" }, "http:// or https://"],
      [{ url: "https://user:pw@93.184.215.14/x" }, "user name or password"],
      [{ url: PUBLIC_URL, secret: "short" }, "at least 16 characters"],
      [{ url: PUBLIC_URL, events: ["job.exploded"] }, "expected one of job.queued"],
      [{ url: PUBLIC_URL, events: [] }, "at least one event"],
    ];
    for (const [body, message] of cases) {
      const response = await createWebhook(token, body);
      expect(response.status, JSON.stringify(body)).toBe(422);
      expect(JSON.stringify(response.body), JSON.stringify(body)).toContain(message);
    }
    expect(await getDb().webhook.count()).toBe(0);
  });

  it("refuses URLs that reach into the server's network (SSRF) with 422 and the reason", async () => {
    const { token } = await createTestAccount();
    for (const url of ["http://127.0.0.1:3000/api/users", "http://localhost/hook", "http://[::1]/hook", "http://169.254.169.254/latest/meta-data", "http://10.1.2.3/hook", "http://192.168.0.10/hook", "http://[::ffff:127.0.0.1]/hook"]) {
      const response = await createWebhook(token, { url });
      expect(response.status, url).toBe(422);
      expect(response.body.error.code, url).toBe("webhook_url_refused");
      expect(response.body.error.message, url).toMatch(/private, loopback or link-local address/);
      expect(response.body.error.issues, url).toEqual([expect.objectContaining({ field: "url" })]);
    }
    expect(await getDb().webhook.count()).toBe(0);
  });

  it("generates a secret when none is given and shows it once; a given one is kept", async () => {
    const { token } = await createTestAccount();
    const generated = await createWebhook(token, { url: PUBLIC_URL });
    expect(generated.status, JSON.stringify(generated.body)).toBe(201);
    expect(generated.body.secret).toMatch(/^whsec_[\w-]{32}$/);
    expect(generated.body.events).toContain("job.succeeded");
    expect(generated.body.events).toContain("evaluation.failed");
    const given = await createWebhook(token, { url: PUBLIC_URL, secret: "my-own-secret-0123456789", events: ["job.failed", "job.failed"] });
    expect(given.body).toMatchObject({ secret: "my-own-secret-0123456789", events: ["job.failed"] });

    const list = await (await listRoute(apiRequest("/api/webhooks", { token }), routeParams({}))).json();
    expect(list.items.map((hook: { id: string }) => hook.id)).toEqual([given.body.id, generated.body.id]);
    expect(JSON.stringify(list)).not.toContain("secret");
  });
});

describe("ownership", () => {
  it("lets each person, admins included, see, test and delete only their own webhooks", async () => {
    const [ada, bob, admin] = [await createTestAccount(), await createTestAccount(), await createTestAccount("admin")];
    const hook = (await createWebhook(ada.token, { url: PUBLIC_URL })).body;
    const params = routeParams({ id: hook.id });

    for (const other of [bob, admin]) {
      const list = await (await listRoute(apiRequest("/api/webhooks", { token: other.token }), routeParams({}))).json();
      expect(list.items).toEqual([]);
      expect((await deliveriesRoute(apiRequest(`/api/webhooks/${hook.id}/deliveries`, { token: other.token }), params)).status).toBe(404);
      expect((await testRoute(post(`/api/webhooks/${hook.id}/test`, other.token), params)).status).toBe(404);
      expect((await deleteRoute(apiRequest(`/api/webhooks/${hook.id}`, { method: "DELETE", token: other.token }), params)).status).toBe(404);
    }
    // The bootstrap API_TOKEN is no account: it has no webhooks to list.
    expect((await listRoute(apiRequest("/api/webhooks"), routeParams({}))).status).toBe(409);

    const ping = await testRoute(post(`/api/webhooks/${hook.id}/test`, ada.token), params);
    expect(ping.status).toBe(202);
    const delivery = await ping.json();
    expect(delivery).toMatchObject({ event: "ping", status: "pending", attempts: 0, payload: { id: delivery.id, type: "ping", event: "ping" } });
    expect(await getQueue(QueueName.webhook).getJob(delivery.id)).toBeDefined();
    const log = await (await deliveriesRoute(apiRequest(`/api/webhooks/${hook.id}/deliveries`, { token: ada.token }), params)).json();
    expect(log.items.map((item: { id: string }) => item.id)).toEqual([delivery.id]);

    expect((await deleteRoute(apiRequest(`/api/webhooks/${hook.id}`, { method: "DELETE", token: ada.token }), params)).status).toBe(200);
    expect(await getDb().webhookDelivery.count()).toBe(0);
    await getQueue(QueueName.webhook).obliterate({ force: true });
  });
});

describe("job status changes made through the API", () => {
  it("queue a delivery for each subscribed webhook of the job's creator, and for no one else's", async () => {
    const [ada, bob] = [await createTestAccount(), await createTestAccount()];
    const every = (await createWebhook(ada.token, { url: PUBLIC_URL })).body;
    const cancelOnly = (await createWebhook(ada.token, { url: PUBLIC_URL, events: ["job.cancelled"] })).body;
    const bobs = (await createWebhook(bob.token, { url: PUBLIC_URL })).body;
    const dataset = await createDataset();

    const created = await createJobRoute(post("/api/jobs", ada.token, { datasetId: dataset.id, baseModelId: "demo-tiny-zh" }), routeParams({}));
    expect(created.status).toBe(201);
    const job = await created.json();
    const cancelled = await cancelRoute(post(`/api/jobs/${job.id}/cancel`, ada.token), routeParams({ id: job.id }));
    expect((await cancelled.json()).status).toBe("cancelled");

    const deliveries = await getDb().webhookDelivery.findMany({ orderBy: { createdAt: "asc" } });
    const eventsOf = (webhookId: string) => deliveries.filter((d) => d.webhookId === webhookId).map((d) => d.event);
    expect(eventsOf(every.id)).toEqual(["job.queued", "job.cancelled"]);
    expect(eventsOf(cancelOnly.id)).toEqual(["job.cancelled"]);
    expect(eventsOf(bobs.id)).toEqual([]);
    const last = deliveries.at(-1)!;
    expect(last.payload).toMatchObject({ id: last.id, type: "job", event: "job.cancelled", data: { job: { id: job.id, status: "cancelled", name: job.name } } });
    for (const delivery of deliveries) expect(await getQueue(QueueName.webhook).getJob(delivery.id), delivery.event).toBeDefined();
    await getQueue(QueueName.webhook).obliterate({ force: true });
    await getQueue(QueueName.train).obliterate({ force: true });
  });
});
