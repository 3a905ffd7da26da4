// Base models the product knows. The embedded default always lists the demo model, which
// `npm run up` builds once under DATA_DIR/models (python -m lora_trainer make-demo-model), and
// SmolLM2-135M-Instruct, which it downloads and converts once (scripts/ensure-smollm2.sh).
import path from "node:path";
import { DEFAULT_PROMPT_TEMPLATE, DEMO_MODEL_ID, SMOLLM2_MODEL_ID, SMOLLM2_PROMPT_TEMPLATE } from "@loraboard/contracts";
import type { Db } from "./server";

export const DEMO_BASE_MODEL_ID = DEMO_MODEL_ID;
export const SMOLLM2_BASE_MODEL_ID = SMOLLM2_MODEL_ID;

export function demoModelPath(dataDir: string): string {
  return path.join(dataDir, "models", DEMO_BASE_MODEL_ID);
}

export function smollm2ModelPath(dataDir: string): string {
  return path.join(dataDir, "models", SMOLLM2_BASE_MODEL_ID);
}

const BUILT_IN = [
  { id: DEMO_BASE_MODEL_ID, name: "Demo tiny Llama (zh, random weights)", path: demoModelPath, promptTemplate: DEFAULT_PROMPT_TEMPLATE },
  { id: SMOLLM2_BASE_MODEL_ID, name: "SmolLM2-135M-Instruct", path: smollm2ModelPath, promptTemplate: SMOLLM2_PROMPT_TEMPLATE },
];

/** Registered again at every start, so they cannot be removed. */
export const BUILT_IN_BASE_MODEL_IDS: readonly string[] = BUILT_IN.map((model) => model.id);

export async function registerBaseModels(db: Db, dataDir: string) {
  for (const model of BUILT_IN) {
    await db.baseModel.upsert({
      where: { id: model.id },
      create: { id: model.id, name: model.name, path: model.path(dataDir), promptTemplate: model.promptTemplate },
      update: { path: model.path(dataDir) },
    });
  }
}
