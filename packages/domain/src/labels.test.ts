import { describe, expect, it } from "vitest";
import { parseLabel } from "./labels";

const words = { "0": "消极", "1": "积极" };

describe("parseLabel", () => {
  it("reads the label word the answer starts with", () => {
    expect(parseLabel("积极", words)).toBe(1);
    expect(parseLabel("消极</s>", words)).toBe(0);
  });

  it("takes the first word when both appear", () => {
    expect(parseLabel("积极，不是消极", words)).toBe(1);
    expect(parseLabel("消极 积极", words)).toBe(0);
  });

  it("is null when the answer starts with neither word", () => {
    expect(parseLabel("", words)).toBeNull();
    expect(parseLabel("好评", words)).toBeNull();
    expect(parseLabel("我觉得是积极", words)).toBeNull();
  });

  it("skips leading whitespace and ASCII or full-width punctuation", () => {
    expect(parseLabel("  \n积极", words)).toBe(1);
    expect(parseLabel("：消极。", words)).toBe(0);
    expect(parseLabel("「积极」", words)).toBe(1);
    expect(parseLabel("\u3000\"消极\"", words)).toBe(0);
    expect(parseLabel("— 积极", words)).toBe(1);
  });

  it("works with English label words and prefers the longer of two overlapping words", () => {
    expect(parseLabel(" positive.", { "0": "negative", "1": "positive" })).toBe(1);
    expect(parseLabel("不好吧", { "0": "不好", "1": "不" })).toBe(0);
    expect(parseLabel("不行", { "0": "不好", "1": "不" })).toBe(1);
  });
});
