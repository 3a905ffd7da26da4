// Delete one of the caller's own webhooks (another person's is a 404).
import { apiRoute } from "@/server/api-route";
import { accountOf } from "@/features/accounts/server/account-of";
import { deleteWebhook } from "@/features/webhooks/server/webhooks";
import * as contract from "./contract";

export const dynamic = "force-dynamic";

export const DELETE = apiRoute(contract.DELETE, async ({ params, principal }) => Response.json(await deleteWebhook(accountOf(principal), params.id)));
