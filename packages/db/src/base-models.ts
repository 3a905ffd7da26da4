// Base models the product knows. The embedded default declares two built-in models, each served
// by its own vLLM (one server serves one base model): the demo model, which `npm run up` builds
// once under DATA_DIR/models (python -m lora_trainer make-demo-model), and SmolLM2-135M-Instruct
// (scripts/ensure-smollm2.sh). Each carries the prompt template, label words and preset that jobs
// on it start from.
import path from "node:path";
import {
  DEFAULT_LABEL_WORDS,
  DEFAULT_PROMPT_TEMPLATE,
  DEMO_MODEL_ID,
  SMOLLM2_LABEL_WORDS,
  SMOLLM2_MODEL_ID,
  SMOLLM2_PROMPT_TEMPLATE,
} from "@loraboard/contracts";
import type { Db } from "./server";

export const DEMO_BASE_MODEL_ID = DEMO_MODEL_ID;
export const SMOLLM2_BASE_MODEL_ID = SMOLLM2_MODEL_ID;

export function demoModelPath(dataDir: string): string {
  return path.join(dataDir, "models", DEMO_BASE_MODEL_ID);
}

/** The settings that say where each built-in model is served (packages/contracts env.ts). */
export interface BuiltInServerUrls {
  INFERENCE_URL?: string;
  SMOLLM2_INFERENCE_URL?: string;
  [setting: string]: string | undefined;
}

export interface BuiltInBaseModel {
  id: string;
  name: string;
  path: string;
  inferenceUrl: string;
  promptTemplate: string;
  labelWords: Record<string, string>;
  preset: string;
}

/** The built-in models and their servers: the demo on INFERENCE_URL, SmolLM2 on SMOLLM2_INFERENCE_URL. */
export function builtInBaseModels(dataDir: string, urls: BuiltInServerUrls = process.env): BuiltInBaseModel[] {
  return [
    {
      id: DEMO_BASE_MODEL_ID,
      name: "Demo tiny Llama (zh, random weights)",
      path: demoModelPath(dataDir),
      inferenceUrl: urls.INFERENCE_URL || "http://127.0.0.1:8000",
      promptTemplate: DEFAULT_PROMPT_TEMPLATE,
      labelWords: { ...DEFAULT_LABEL_WORDS },
      preset: "cpu-demo",
    },
    {
      id: SMOLLM2_BASE_MODEL_ID,
      name: "SmolLM2-135M-Instruct",
      path: path.join(dataDir, "models", SMOLLM2_BASE_MODEL_ID),
      inferenceUrl: urls.SMOLLM2_INFERENCE_URL || "http://127.0.0.1:8001",
      promptTemplate: SMOLLM2_PROMPT_TEMPLATE,
      labelWords: { ...SMOLLM2_LABEL_WORDS },
      preset: "smollm2-cpu",
    },
  ];
}

export function isBuiltInBaseModel(id: string): boolean {
  return id === DEMO_BASE_MODEL_ID || id === SMOLLM2_BASE_MODEL_ID;
}

/** Registers (or refreshes) the built-in models; their servers follow the settings of this start. */
export async function registerBaseModels(db: Db, dataDir: string, urls: BuiltInServerUrls = process.env) {
  for (const { id, ...model } of builtInBaseModels(dataDir, urls)) {
    await db.baseModel.upsert({ where: { id }, create: { id, ...model }, update: model });
  }
}
