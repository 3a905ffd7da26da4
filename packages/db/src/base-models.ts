// Base models the product knows. The embedded default always lists the demo model, which
// `npm run up` builds once under DATA_DIR/models (python -m lora_trainer make-demo-model).
import path from "node:path";
import type { Db } from "./server";

export const DEMO_BASE_MODEL_ID = "demo-tiny-zh";
export const DEFAULT_PROMPT_TEMPLATE =
  "<s>[INST] 请判断下面商品评论的情感（积极/消极）：评论内容如下：\n{sentence} [/INST]";

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
