// Webhooks from the real worker process: a short demo-model job trains, is evaluated (no inference
// server here, so its evaluation fails at once) and succeeds; every status change of the job and
// its evaluation reaches a real local receiver, signed, and each delivery survives the receiver's
// 500 on the first try through the retry. A receiver that never answers 2xx does not break the job,
// and its deliveries end `failed` after the last attempt.
import { createHmac, timingSafeEqual } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { WEBHOOK_MAX_ATTEMPTS, WebhookPayload } from "@loraboard/contracts";
import { getDb } from "@loraboard/db/server";
import { QueueName } from "@loraboard/queue";
import { enqueue, getQueue } from "@loraboard/queue/server";
import { createDataset, makeReviewRows } from "../../../../tests/helpers/factories";
import { createTrainingJobRow } from "../../../../tests/helpers/training";
import { startWorkerProcess, waitFor, type WorkerProcess } from "../../../../tests/helpers/worker-process";

const SECRET = "whsec_test-secret-0123456789";

interface Received {
  path: string;
  headers: http.IncomingHttpHeaders;
  body: string;
  answered: number;
}

/** Answers 500 to the first try of each delivery and 200 to the next; /down always answers 500. */
function startReceiver() {
  const received: Received[] = [];
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const delivery = String(request.headers["loraboard-delivery"]);
      const isFirstTry = !received.some((entry) => entry.headers["loraboard-delivery"] === delivery);
      const answered = request.url === "/down" || isFirstTry ? 500 : 200;
      received.push({ path: request.url ?? "", headers: request.headers, body: Buffer.concat(chunks).toString("utf8"), answered });
      response.writeHead(answered, { "content-type": "text/plain" }).end(answered === 200 ? "ok" : "receiver is warming up");
    });
  });
  return new Promise<{ url: string; received: Received[]; close: () => Promise<void> }>((resolve) =>
    server.listen(0, "127.0.0.1", () =>
      resolve({
        url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
        received,
        close: () => new Promise((done) => server.close(() => done())),
      }),
    ),
  );
}

/** The receiver's side of docs/webhooks.md, written apart from the worker's signing code. */
function verifySignature(header: string, body: string, secret: string): boolean {
  const parts = Object.fromEntries(header.split(",").map((part) => part.split("=") as [string, string]));
  const expected = createHmac("sha256", secret).update(`${parts.t}.${body}`).digest();
  const given = Buffer.from(parts.v1 ?? "", "hex");
  return given.length === expected.length && timingSafeEqual(given, expected) && Math.abs(Date.now() / 1000 - Number(parts.t)) < 300;
}

let receiver: Awaited<ReturnType<typeof startReceiver>>;
let worker: WorkerProcess | undefined;
beforeAll(async () => {
  receiver = await startReceiver();
});
afterAll(async () => {
  worker?.kill();
  await getQueue(QueueName.webhook).obliterate({ force: true });
  await receiver.close();
});

describe("webhooks sent by the worker", () => {
  it("deliver every status change of a job and its evaluation, signed, retried after a 500", async () => {
    const db = getDb();
    const user = await db.user.create({ data: { id: "webhook-owner", name: "Owner", email: "owner@example.com" } });
    const other = await db.user.create({ data: { id: "someone-else", name: "Else", email: "else@example.com" } });
    const hook = await db.webhook.create({ data: { userId: user.id, url: `${receiver.url}/hooks`, secret: SECRET, events: ["job.running", "job.evaluating", "job.succeeded", "job.failed", "evaluation.queued", "evaluation.running", "evaluation.failed"] } });
    const down = await db.webhook.create({ data: { userId: user.id, url: `${receiver.url}/down`, secret: SECRET, events: ["job.succeeded"] } });
    await db.webhook.create({ data: { userId: other.id, url: `${receiver.url}/others`, secret: SECRET, events: ["job.succeeded"] } });
    // 20 rows: 16 to train on (2 steps), 2 to validate, 2 to test; the job only has to end.
    const dataset = await createDataset({ rows: makeReviewRows(20) });
    const job = await createTrainingJobRow(dataset.id);
    await db.trainingJob.update({ where: { id: job.id }, data: { createdById: user.id } });
    await enqueue(QueueName.train, job.id, { trainingJobId: job.id });

    worker = startWorkerProcess("webhooks-test", { WEBHOOK_RETRY_BASE_SECONDS: "0.2", WEBHOOK_ALLOW_PRIVATE_URLS: "true", INFERENCE_RETRY_SECONDS: "0" });
    const finished = await waitFor(
      "the job to end and its deliveries to settle",
      async () => {
        const row = await db.trainingJob.findUnique({ where: { id: job.id } });
        if (!row || !["succeeded", "failed", "cancelled"].includes(row.status)) return null;
        const pending = await db.webhookDelivery.count({ where: { status: "pending" } });
        return pending === 0 && (await db.webhookDelivery.count({ where: { webhookId: down.id } })) > 0 ? row : null;
      },
      240_000,
    ).catch((error: Error) => {
      throw new Error(`${error.message}\n--- worker output ---\n${worker?.output().slice(-4000)}`);
    });
    // A receiver that never takes a delivery does not break the job.
    expect(finished.status, finished.error ? JSON.stringify(finished.error) : undefined).toBe("succeeded");

    const deliveries = await db.webhookDelivery.findMany({ where: { webhookId: hook.id }, orderBy: { createdAt: "asc" } });
    const events = deliveries.map((delivery) => delivery.event);
    expect(events.filter((event) => event.startsWith("job."))).toEqual(["job.running", "job.evaluating", "job.succeeded"]);
    // The adapter's evaluation and the base model's zero-shot baseline it queues each tell their story.
    const evaluationEvents = new Map<string, string[]>();
    for (const delivery of deliveries.filter((d) => d.event.startsWith("evaluation."))) {
      const payload = WebhookPayload.parse(delivery.payload);
      const id = payload.type === "evaluation" ? payload.data.evaluation.id : "";
      evaluationEvents.set(id, [...(evaluationEvents.get(id) ?? []), delivery.event]);
    }
    expect([...evaluationEvents.values()]).toEqual([
      ["evaluation.queued", "evaluation.running", "evaluation.failed"],
      ["evaluation.queued", "evaluation.running", "evaluation.failed"],
    ]);
    for (const delivery of deliveries) {
      expect(delivery, delivery.event).toMatchObject({ status: "succeeded", attempts: 2, lastStatusCode: 200, lastError: null });
      expect(delivery.deliveredAt, delivery.event).not.toBeNull();
      // The receiver saw it twice: the 500, then the 200, the same signed body each time.
      const tries = receiver.received.filter((entry) => entry.headers["loraboard-delivery"] === delivery.id);
      expect(tries.map((entry) => entry.answered), delivery.event).toEqual([500, 200]);
      for (const entry of tries) {
        expect(verifySignature(String(entry.headers["loraboard-signature"]), entry.body, SECRET), delivery.event).toBe(true);
        expect(verifySignature(String(entry.headers["loraboard-signature"]), entry.body, "another secret")).toBe(false);
        expect(entry.headers["loraboard-event"]).toBe(delivery.event);
        expect(entry.headers["content-type"]).toBe("application/json");
        const payload = WebhookPayload.parse(JSON.parse(entry.body));
        expect(payload).toMatchObject({ id: delivery.id, event: delivery.event });
      }
    }
    const succeeded = WebhookPayload.parse(deliveries.find((d) => d.event === "job.succeeded")!.payload);
    expect(succeeded).toMatchObject({ type: "job", data: { job: { id: job.id, status: "succeeded", adapterName: job.adapterName } } });
    expect(succeeded.type === "job" && succeeded.data.job.finishedAt).toBeTruthy();
    const evaluationFailed = WebhookPayload.parse(deliveries.find((d) => d.event === "evaluation.failed")!.payload);
    expect(evaluationFailed).toMatchObject({ type: "evaluation", data: { evaluation: { jobId: job.id, status: "failed", split: "test" } } });

    // The receiver that always fails: tried WEBHOOK_MAX_ATTEMPTS times, then failed with its answer.
    const [failed] = await db.webhookDelivery.findMany({ where: { webhookId: down.id } });
    expect(failed).toMatchObject({ event: "job.succeeded", status: "failed", attempts: WEBHOOK_MAX_ATTEMPTS, lastStatusCode: 500, deliveredAt: null });
    expect(failed!.lastError).toBe("HTTP 500: receiver is warming up");
    expect(receiver.received.filter((entry) => entry.path === "/down")).toHaveLength(WEBHOOK_MAX_ATTEMPTS);
    // Only the job creator's webhooks heard of it.
    expect(receiver.received.filter((entry) => entry.path === "/others")).toEqual([]);
  }, 300_000);
});
