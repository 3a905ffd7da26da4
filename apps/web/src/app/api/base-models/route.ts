import { apiRoute } from "@/server/api-route";
import { registerBaseModel } from "@/features/base-models/server/register-base-model";
import { listBaseModels } from "@/features/base-models/server/list-base-models";
import * as contract from "./contract";

export const dynamic = "force-dynamic";

export const GET = apiRoute(contract.GET, async () => Response.json({ items: await listBaseModels() }));

// Admin only (contract.ts): a base model is what every GPU job and vLLM work from.
export const POST = apiRoute(contract.POST, async ({ body }) => Response.json(await registerBaseModel(body), { status: 201 }));
