import { describe, expect, it } from "vitest";
import { renderFewShotPrompt, renderPrompt, toServingPrompt } from "./prompt";

const template = "<s>[INST] 评论：{sentence} [/INST]";

describe("renderPrompt", () => {
  it("puts the sentence where {sentence} is, every time it appears", () => {
    expect(renderPrompt(template, "很好")).toBe("<s>[INST] 评论：很好 [/INST]");
    expect(renderPrompt("{sentence}|{sentence}", "a")).toBe("a|a");
  });

  it("leaves $-patterns in the sentence alone", () => {
    expect(renderPrompt(template, "价格$&$1")).toBe("<s>[INST] 评论：价格$&$1 [/INST]");
  });
});

describe("renderFewShotPrompt", () => {
  it("renders each example with its label word, then the query", () => {
    const prompt = renderFewShotPrompt(template, { "0": "消极", "1": "积极" }, [
      { sentence: "好", label: 1 },
      { sentence: "差", label: 0 },
    ], "一般");
    expect(prompt).toBe("<s>[INST] 评论：好 [/INST] 积极\n\n<s>[INST] 评论：差 [/INST] 消极\n\n<s>[INST] 评论：一般 [/INST]");
  });
});

describe("toServingPrompt", () => {
  it("drops only a leading <s>, which the server's tokenizer adds as BOS itself", () => {
    expect(toServingPrompt("<s>[INST] a [/INST]")).toBe("[INST] a [/INST]");
    expect(toServingPrompt("[INST] a <s> [/INST]")).toBe("[INST] a <s> [/INST]");
  });
});
