// Webhooks in the browser: from the account menu to Settings → Webhooks, add a webhook pointing at a
// receiver run by this test, copy its secret, send a test delivery and watch it arrive in the log
// (the worker sends it, signed with that secret), then delete the webhook.
import { createHmac } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { expect, test } from "./fixtures";

const SHOTS = "e2e/artifacts/screenshots";

interface Received {
  headers: http.IncomingHttpHeaders;
  body: string;
}

function startReceiver() {
  const received: Received[] = [];
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      received.push({ headers: request.headers, body: Buffer.concat(chunks).toString("utf8") });
      response.writeHead(200).end("thanks");
    });
  });
  return new Promise<{ url: string; received: Received[]; close: () => void }>((resolve) =>
    server.listen(0, "127.0.0.1", () =>
      resolve({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/e2e`, received, close: () => server.close() }),
    ),
  );
}

test("a webhook made in the page receives a signed test delivery, shown in its log", async ({ page }) => {
  const receiver = await startReceiver();
  try {
    // Webhooks left by an earlier run of this test go first: the page starts empty.
    const existing = (await (await page.request.get("/api/webhooks")).json()) as { items: { id: string }[] };
    for (const hook of existing.items) expect((await page.request.delete(`/api/webhooks/${hook.id}`)).status()).toBe(200);

    await page.goto("/datasets");
    await page.getByTestId("user-menu").getByRole("link", { name: "Webhooks" }).click();
    await expect(page.getByRole("heading", { name: "Webhooks", level: 1 })).toBeVisible();
    await expect(page.getByRole("heading", { name: "No webhooks yet" })).toBeVisible();

    await page.getByLabel("Payload URL").fill(receiver.url);
    await page.getByRole("checkbox", { name: "evaluation.queued" }).uncheck();
    await page.getByRole("button", { name: "Add webhook" }).click();
    const secret = (await page.getByTestId("created-webhook-secret").textContent())!.trim();
    expect(secret).toMatch(/^whsec_/);
    const card = page.locator(`[data-testid="webhook-card"][data-url="${receiver.url}"]`);
    await expect(card).toContainText("10 events");
    await expect(card).toContainText("No deliveries yet");

    await card.getByRole("button", { name: `Send a test delivery to ${receiver.url}` }).click();
    const row = card.locator('[data-testid="delivery-row"][data-event="ping"]');
    await expect(row.getByTestId("delivery-status")).toHaveText("succeeded", { timeout: 20_000 });
    await expect(row.getByTestId("delivery-attempts")).toHaveText("1");
    await expect(row.getByTestId("delivery-answer")).toHaveText("HTTP 200");
    await page.screenshot({ path: `${SHOTS}/webhooks.png`, fullPage: true });

    // What arrived is signed with the secret the page showed.
    expect(receiver.received).toHaveLength(1);
    const [delivery] = receiver.received;
    const { t, v1 } = Object.fromEntries(String(delivery!.headers["loraboard-signature"]).split(",").map((part) => part.split("="))) as { t: string; v1: string };
    expect(createHmac("sha256", secret).update(`${t}.${delivery!.body}`).digest("hex")).toBe(v1);
    expect(delivery!.headers["loraboard-event"]).toBe("ping");
    expect(JSON.parse(delivery!.body)).toMatchObject({ type: "ping", event: "ping" });

    await card.getByRole("button", { name: `Delete the webhook ${receiver.url}` }).click();
    await expect(page.getByRole("heading", { name: "No webhooks yet" })).toBeVisible();
  } finally {
    receiver.close();
  }
});
