import type { BaseModel } from "@loraboard/contracts";
import { getDb } from "@loraboard/db/server";
import { apiRoute } from "@/server/api-route";

export const dynamic = "force-dynamic";

export const GET = apiRoute(async () => {
  const rows = await getDb().baseModel.findMany({ orderBy: { createdAt: "asc" } });
  // The embedded default serves each base model under its id (vLLM --served-model-name).
  const items: BaseModel[] = rows.map((row) => ({
    id: row.id,
    name: row.name,
    path: row.path,
    servedBy: row.id,
    promptTemplate: row.promptTemplate,
  }));
  return Response.json({ items });
});
