// Renders one training example with the base model's own tokenizer, with the trainer's token layout
// (workers/trainer/src/lora_trainer/data.py PromptEncoder): [BOS?] prefix sentence suffix | answer EOS.
import { readFile } from "node:fs/promises";
import path from "node:path";
import { Tokenizer } from "@huggingface/tokenizers";
import { getDb } from "@loraboard/db/server";
import { labelKey, renderPrompt, SENTENCE_PLACEHOLDER } from "@loraboard/domain";
import { ApiError, notFound } from "@/server/api-error";
import { BaseModelPreviewBody, type BaseModelPreviewResponse } from "@loraboard/contracts";

interface LoadedTokenizer {
  tokenizer: Tokenizer;
  bosToken: string | null;
  eosToken: string | null;
}

// Parsing a tokenizer.json takes a while (tens of thousands of merges); one per model directory.
const tokenizerCache = new Map<string, Promise<LoadedTokenizer>>();

function specialToken(value: unknown): string | null {
  if (typeof value === "string") return value;
  if (value && typeof value === "object" && typeof (value as { content?: unknown }).content === "string") {
    return (value as { content: string }).content;
  }
  return null;
}

async function readTokenizer(modelDir: string, modelId: string): Promise<LoadedTokenizer> {
  let tokenizerJson: unknown;
  let tokenizerConfig: Record<string, unknown>;
  try {
    tokenizerJson = JSON.parse(await readFile(path.join(modelDir, "tokenizer.json"), "utf8"));
  } catch {
    throw new ApiError(
      409,
      "tokenizer_missing",
      `Base model ${modelId} has no readable tokenizer.json in ${modelDir}; the preview needs the model's tokenizer files there.`,
    );
  }
  try {
    tokenizerConfig = JSON.parse(await readFile(path.join(modelDir, "tokenizer_config.json"), "utf8")) as Record<string, unknown>;
  } catch {
    tokenizerConfig = {};
  }
  return {
    tokenizer: new Tokenizer(tokenizerJson as object, tokenizerConfig),
    bosToken: specialToken(tokenizerConfig.bos_token),
    eosToken: specialToken(tokenizerConfig.eos_token),
  };
}

export function loadTokenizer(modelDir: string, modelId: string): Promise<LoadedTokenizer> {
  let loading = tokenizerCache.get(modelDir);
  if (!loading) {
    loading = readTokenizer(modelDir, modelId);
    tokenizerCache.set(modelDir, loading);
    // A missing tokenizer may be built later: failures are not cached.
    loading.catch(() => tokenizerCache.delete(modelDir));
  }
  return loading;
}

export async function previewExample(baseModelId: string, input: unknown): Promise<BaseModelPreviewResponse> {
  const body = BaseModelPreviewBody.parse(input);
  const baseModel = await getDb().baseModel.findUnique({ where: { id: baseModelId } });
  if (!baseModel) throw notFound(`Base model ${baseModelId}`);
  const { tokenizer, bosToken, eosToken } = await loadTokenizer(baseModel.path, baseModel.id);

  const encode = (text: string) => (text ? tokenizer.encode(text, { add_special_tokens: false }).ids : []);
  const eosId = eosToken === null ? undefined : tokenizer.token_to_id(eosToken);
  if (eosToken === null || eosId === undefined) {
    throw new ApiError(409, "tokenizer_invalid", `Base model ${baseModel.id}'s tokenizer has no end-of-sequence token.`);
  }
  const [prefix, suffix] = body.promptTemplate.split(SENTENCE_PLACEHOLDER) as [string, string];
  let prefixIds = encode(prefix);
  let bosText = "";
  // Like the trainer: prepend BOS only when the template lacks it and the tokenizer adds one itself.
  const bosId = bosToken === null ? undefined : tokenizer.token_to_id(bosToken);
  if (bosId !== undefined && prefixIds[0] !== bosId && tokenizer.encode("a").ids[0] === bosId) {
    prefixIds = [bosId, ...prefixIds];
    bosText = bosToken ?? "";
  }
  const keys = Object.keys(body.labelWords);
  const key = body.label !== undefined ? labelKey(body.label) : keys.includes("1") && keys.includes("0") ? "1" : keys[0];
  const labelWord = key === undefined ? undefined : body.labelWords[key];
  if (key === undefined || labelWord === undefined) {
    throw new ApiError(422, "invalid_request", "labelWords has no word for the label to preview.", [{ field: "label", message: "pick a label that labelWords maps to a word" }]);
  }
  const promptTokenCount = prefixIds.length + encode(body.sentence).length + encode(suffix).length;
  const answerTokenCount = encode(labelWord).length + 1;
  return {
    text: `${bosText}${renderPrompt(body.promptTemplate, body.sentence)}${labelWord}${eosToken}`,
    tokenCount: promptTokenCount + answerTokenCount,
    promptTokenCount,
  };
}
