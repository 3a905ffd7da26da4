// GET /api/base-models: every registered base model with its own inference server and whether
// that server serves it now (one vLLM serves one base model).
import type { BaseModel } from "@loraboard/contracts";
import { getDb } from "@loraboard/db/server";
import { z } from "zod";
import { getInferenceServers, listServedModels } from "@/features/adapters/server/inference-client";

type BaseModelRow = NonNullable<Awaited<ReturnType<ReturnType<typeof getDb>["baseModel"]["findUnique"]>>>;

const LabelWordsColumn = z.record(z.string(), z.string());

export function serializeBaseModel(row: BaseModelRow, served: { id: string; root: string | null; parent: string | null }[] | null): BaseModel {
  const bases = (served ?? []).filter((model) => !model.parent);
  const labelWords = LabelWordsColumn.safeParse(row.labelWords);
  return {
    id: row.id,
    name: row.name,
    path: row.path,
    // Served under its id (--served-model-name), or under any name whose root is its directory.
    servedBy: bases.find((model) => model.id === row.id)?.id ?? bases.find((model) => model.root === row.path)?.id ?? null,
    promptTemplate: row.promptTemplate,
    inferenceUrl: getInferenceServers().urlOf(row),
    serverStatus: served ? "ok" : "down",
    labelWords: labelWords.success ? labelWords.data : null,
    preset: row.preset,
  };
}

export async function listBaseModels(): Promise<BaseModel[]> {
  const rows = await getDb().baseModel.findMany({ orderBy: { createdAt: "asc" } });
  const servers = getInferenceServers();
  return Promise.all(rows.map(async (row) => serializeBaseModel(row, (await listServedModels(servers.urlOf(row))).models)));
}
