// Base models the product knows. The embedded default always lists the demo model, which
// `npm run up` builds once under DATA_DIR/models (python -m lora_trainer make-demo-model).
import path from "node:path";
import { DEFAULT_PROMPT_TEMPLATE, DEMO_MODEL_ID } from "@loraboard/contracts";
import type { Db } from "./server";

export const DEMO_BASE_MODEL_ID = DEMO_MODEL_ID;

export function demoModelPath(dataDir: string): string {
  return path.join(dataDir, "models", DEMO_BASE_MODEL_ID);
}

export async function registerBaseModels(db: Db, dataDir: string) {
  await db.baseModel.upsert({
    where: { id: DEMO_BASE_MODEL_ID },
    create: {
      id: DEMO_BASE_MODEL_ID,
      name: "Demo tiny Llama (zh, random weights)",
      path: demoModelPath(dataDir),
      promptTemplate: DEFAULT_PROMPT_TEMPLATE,
    },
    update: { path: demoModelPath(dataDir) },
  });
}
