// Admins register real base models (docs/base-models.md) instead of inserting rows with SQL. The
// directory must lie under DATA_DIR, where the worker, the trainer and vLLM all see it, checked
// on its real path (symlinks resolved) so no request can point the server at other files.
import { realpath, stat } from "node:fs/promises";
import path from "node:path";
import type { BaseModel, RegisterBaseModelBody } from "@loraboard/contracts";
import { BUILT_IN_BASE_MODEL_IDS, getDb } from "@loraboard/db/server";
import { ApiError } from "@/server/api-error";
import { getWebEnv } from "@/server/env";
import { auditData } from "@/server/audit/audit-log";
import type { Principal } from "@/server/auth/authenticate";

async function resolveModelDirectory(requested: string): Promise<string> {
  const dataDir = await realpath(getWebEnv().DATA_DIR);
  const candidate = path.resolve(path.join(dataDir, "models"), requested);
  const invalid = (message: string) => new ApiError(422, "invalid_model_directory", message, [{ field: "path", message }]);
  let resolved: string;
  try {
    resolved = await realpath(candidate);
  } catch {
    throw invalid(`No directory ${candidate}: copy the model there first (docs/base-models.md).`);
  }
  if (resolved !== dataDir && !resolved.startsWith(`${dataDir}${path.sep}`)) {
    throw invalid(`The model directory must be under DATA_DIR (${dataDir}), where every process sees it.`);
  }
  const hasConfig = await stat(path.join(resolved, "config.json")).then((info) => info.isFile(), () => false);
  if (!hasConfig) throw invalid(`${resolved} has no config.json: it is not a Hugging Face model directory.`);
  return resolved;
}

export async function registerBaseModel(body: RegisterBaseModelBody): Promise<BaseModel> {
  const modelPath = await resolveModelDirectory(body.path);
  const db = getDb();
  if (await db.baseModel.findUnique({ where: { id: body.id } })) {
    throw new ApiError(409, "base_model_exists", `A base model ${body.id} is already registered.`);
  }
  const row = await db.baseModel.create({
    data: { id: body.id, name: body.name, path: modelPath, promptTemplate: body.promptTemplate ?? null },
  });
  return { id: row.id, name: row.name, path: row.path, servedBy: null, promptTemplate: row.promptTemplate };
}

export async function deleteBaseModel(id: string, actor: Principal): Promise<void> {
  if (BUILT_IN_BASE_MODEL_IDS.includes(id)) {
    throw new ApiError(409, "base_model_builtin", `${id} is built in and registered again at every start; it cannot be removed.`);
  }
  const db = getDb();
  const row = await db.baseModel.findUnique({ where: { id }, include: { _count: { select: { jobs: true, adapters: true } } } });
  if (!row) throw new ApiError(404, "not_found", `No base model ${id}.`);
  if (row._count.jobs > 0 || row._count.adapters > 0) {
    throw new ApiError(409, "base_model_in_use", `${row._count.jobs} job(s) fine-tuned ${id}; it stays registered for their history.`);
  }
  await db.$transaction([
    db.baseModel.delete({ where: { id } }),
    db.auditEvent.create({ data: auditData(actor, { action: "base_model.delete", targetType: "base_model", targetId: id, details: { path: row.path } }) }),
  ]);
}
