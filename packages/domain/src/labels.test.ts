import { describe, expect, it } from "vitest";
import { checkLabelWords, labelWordsForDataset, parseLabel } from "./labels";

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

describe("parseLabel with N classes", () => {
  const topics = { 体育: "体育", 财经: "财经", 科技: "科技", 科技新闻: "科技新闻" };

  it("returns the label as uploaded: text for text labels, integers for integer ones", () => {
    expect(parseLabel("财经。", topics)).toBe("财经");
    expect(parseLabel("其他", topics)).toBeNull();
    expect(parseLabel("two", { "0": "zero", "1": "one", "2": "two" })).toBe(2);
  });

  it("keeps the longest match among many words", () => {
    expect(parseLabel("科技新闻", topics)).toBe("科技新闻");
    expect(parseLabel("科技类", topics)).toBe("科技");
  });
});

describe("checkLabelWords", () => {
  const labels = ["体育", "财经", "科技"];

  it("accepts one distinct word per class", () => {
    expect(checkLabelWords({ 体育: "sports", 财经: "finance", 科技: "tech" }, labels)).toEqual({ errors: [], warnings: [] });
  });

  it("refuses missing, unknown, too long and repeated words, naming the labels", () => {
    const check = checkLabelWords({ 体育: "sports", 财经: "sports", 科技: " ", 娱乐: "fun" }, labels);
    expect(check.errors).toEqual([
      { label: "娱乐", message: 'the dataset has no label "娱乐"' },
      { label: "财经", message: 'labels "体育" and "财经" have the same word "sports"; each class needs its own' },
      { label: "科技", message: 'enter the word for label "科技"' },
    ]);
    expect(checkLabelWords({ "0": "x".repeat(33), "1": "y" }, [0, 1]).errors).toEqual([
      { label: "0", message: "the word for label 0 must be at most 32 characters" },
    ]);
  });

  it("warns when a word is the start of another", () => {
    const check = checkLabelWords({ 体育: "不", 财经: "不好", 科技: "科技" }, labels);
    expect(check.errors).toEqual([]);
    expect(check.warnings).toEqual([expect.stringContaining('The word "不" (label "体育") is the start of "不好" (label "财经")')]);
  });
});

describe("labelWordsForDataset", () => {
  it("takes a base model's words when they name exactly the dataset's labels, else the defaults", () => {
    const english = { "0": "negative", "1": "positive" };
    expect(labelWordsForDataset([0, 1], english)).toEqual(english);
    expect(labelWordsForDataset([0, 1], null)).toEqual({ "0": "消极", "1": "积极" });
    expect(labelWordsForDataset(["体育", "财经"], english)).toEqual({ 体育: "体育", 财经: "财经" });
    expect(labelWordsForDataset([0, 1, 2], english)).toEqual({ "0": "0", "1": "1", "2": "2" });
  });
});
