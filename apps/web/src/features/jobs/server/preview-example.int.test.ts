import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_LABEL_WORDS, DEFAULT_PROMPT_TEMPLATE } from "@loraboard/contracts";
import { DEMO_BASE_MODEL_ID, demoModelPath, getDb } from "@loraboard/db/server";
import { POST as postPreview } from "@/app/api/base-models/[id]/preview/route";
import { BaseModelPreviewResponse } from "@loraboard/contracts";
import { apiRequest, routeParams } from "../../../../../../tests/helpers/api";

const REPO_ROOT = path.resolve(import.meta.dirname, "../../../../../..");

function preview(id: string, body: unknown) {
  return postPreview(
    apiRequest(`/api/base-models/${id}/preview`, { method: "POST", body: JSON.stringify(body), headers: { "content-type": "application/json" } }),
    routeParams({ id }),
  );
}

const body = { promptTemplate: DEFAULT_PROMPT_TEMPLATE, labelWords: DEFAULT_LABEL_WORDS, sentence: "质量很好" };

describe("POST /api/base-models/:id/preview", () => {
  beforeAll(() => {
    // The demo model: a real character-level Chinese tokenizer, built once by the trainer's CLI.
    execFileSync("bash", [path.join(REPO_ROOT, "scripts/ensure-demo-model.sh"), demoModelPath(process.env.DATA_DIR ?? "")], {
      stdio: "pipe",
    });
  }, 120_000);

  it("renders template + sentence + label word + EOS and counts tokens as the trainer does", async () => {
    const response = await preview(DEMO_BASE_MODEL_ID, body);
    expect(response.status).toBe(200);
    const result = BaseModelPreviewResponse.parse(await response.json());
    const rendered = DEFAULT_PROMPT_TEMPLATE.replace("{sentence}", "质量很好");
    expect(result.text).toBe(`${rendered}积极</s>`);
    // One token per character, "<s>" as one token: the prompt's characters less 2 for "<s>" → BOS.
    expect(result.promptTokenCount).toBe([...rendered].length - 2);
    expect(result.tokenCount).toBe(result.promptTokenCount + 2 + 1);
  });

  it("prepends BOS when the template lacks it, as the tokenizer would, and renders label 0 on request", async () => {
    const response = await preview(DEMO_BASE_MODEL_ID, { ...body, promptTemplate: "评论：{sentence} 情感：", label: 0 });
    const result = BaseModelPreviewResponse.parse(await response.json());
    expect(result.text).toBe("<s>评论：质量很好 情感：消极</s>");
    expect(result.promptTokenCount).toBe(1 + [..."评论：质量很好 情感："].length);
    expect(result.tokenCount).toBe(result.promptTokenCount + 3);
  });

  it("answers 422 with the field for a template without {sentence}", async () => {
    const response = await preview(DEMO_BASE_MODEL_ID, { ...body, promptTemplate: "no placeholder" });
    expect(response.status).toBe(422);
    const error = (await response.json()).error;
    expect(error.code).toBe("invalid_request");
    expect(error.issues).toContainEqual({ field: "promptTemplate", message: "the prompt template must contain {sentence}" });
  });

  it("answers 404 for an unknown base model", async () => {
    const response = await preview("no-such-model", body);
    expect(response.status).toBe(404);
    expect((await response.json()).error.code).toBe("not_found");
  });

  it("answers 409 with a clear message when the model directory has no tokenizer, and recovers once it has one", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "loraboard-no-tokenizer-"));
    await getDb().baseModel.create({ data: { id: "empty-model", name: "Empty", path: dir } });
    const response = await preview("empty-model", body);
    expect(response.status).toBe(409);
    const error = (await response.json()).error;
    expect(error.code).toBe("tokenizer_missing");
    expect(error.message).toContain("tokenizer.json");

    // A tiny word-level tokenizer written afterwards is picked up: failures are not cached.
    const vocab = { "<unk>": 0, "<s>": 1, "</s>": 2, a: 3, b: 4, "{": 5 };
    writeFileSync(
      path.join(dir, "tokenizer.json"),
      JSON.stringify({
        version: "1.0",
        added_tokens: ["<unk>", "<s>", "</s>"].map((content, id) => ({ id, content, single_word: false, lstrip: false, rstrip: false, normalized: false, special: true })),
        normalizer: null,
        pre_tokenizer: { type: "WhitespaceSplit" },
        post_processor: null,
        decoder: null,
        model: { type: "WordLevel", vocab, unk_token: "<unk>" },
      }),
    );
    writeFileSync(path.join(dir, "tokenizer_config.json"), JSON.stringify({ bos_token: "<s>", eos_token: "</s>", unk_token: "<unk>" }));
    expect(existsSync(path.join(dir, "tokenizer.json"))).toBe(true);
    const retried = await preview("empty-model", { promptTemplate: "a {sentence} b", labelWords: { "0": "a", "1": "b" }, sentence: "a a" });
    expect(retried.status).toBe(200);
    // No post-processor adds BOS here, so none is prepended: a + (a a) + b | b + EOS.
    expect(BaseModelPreviewResponse.parse(await retried.json())).toEqual({ text: "a a a bb</s>", tokenCount: 6, promptTokenCount: 4 });
  });
});
