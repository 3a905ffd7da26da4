import type { BaseModel } from "@loraboard/contracts";
import { getDb } from "@loraboard/db/server";
import { apiRoute } from "@/server/api-route";
import { registerBaseModel } from "@/features/base-models/server/register-base-model";
import { listServedModels } from "@/features/adapters/server/inference-client";
import * as contract from "./contract";

export const dynamic = "force-dynamic";

export const GET = apiRoute(contract.GET, async () => {
  const [rows, served] = await Promise.all([
    getDb().baseModel.findMany({ orderBy: { createdAt: "asc" } }),
    // What the inference server actually serves; down means none is served right now.
    listServedModels().then(({ models }) => models ?? []),
  ]);
  const bases = served.filter((model) => !model.parent);
  const items: BaseModel[] = rows.map((row) => ({
    id: row.id,
    name: row.name,
    path: row.path,
    // Served under its id (--served-model-name), or under any name whose root is its directory.
    servedBy: bases.find((model) => model.id === row.id)?.id ?? bases.find((model) => model.root === row.path)?.id ?? null,
    promptTemplate: row.promptTemplate,
  }));
  return Response.json({ items });
});

// Admin only (contract.ts): a base model is what every GPU job and vLLM work from.
export const POST = apiRoute(contract.POST, async ({ body }) => Response.json(await registerBaseModel(body), { status: 201 }));
