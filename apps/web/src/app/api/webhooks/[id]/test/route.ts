// Queue a ping to one of the caller's own webhooks.
import { apiRoute } from "@/server/api-route";
import { accountOf } from "@/features/accounts/server/account-of";
import { sendTestDelivery } from "@/features/webhooks/server/webhooks";
import * as contract from "./contract";

export const dynamic = "force-dynamic";

export const POST = apiRoute(contract.POST, async ({ params, principal }) =>
  Response.json(await sendTestDelivery(accountOf(principal), params.id), { status: 202 }),
);
