// The caller's own webhooks: list them, or create one (its secret is in this answer only).
import { apiRoute } from "@/server/api-route";
import { accountOf } from "@/features/accounts/server/account-of";
import { createWebhook, listWebhooks } from "@/features/webhooks/server/webhooks";
import * as contract from "./contract";

export const dynamic = "force-dynamic";

export const GET = apiRoute(contract.GET, async ({ principal }) =>
  Response.json({ items: await listWebhooks(accountOf(principal)), nextCursor: null }),
);

export const POST = apiRoute(contract.POST, async ({ body, principal }) =>
  Response.json(await createWebhook(accountOf(principal), body), { status: 201, headers: { "cache-control": "no-store" } }),
);
