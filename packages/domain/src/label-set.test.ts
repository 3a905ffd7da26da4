import { describe, expect, it } from "vitest";
import { defaultLabelWords, labelFromKey, labelKey, orderLabels, readLabel } from "./label-set";

describe("readLabel", () => {
  it("takes integers and text, and text in an integer's form as that integer", () => {
    expect(readLabel(0)).toBe(0);
    expect(readLabel(7)).toBe(7);
    expect(readLabel(" 3 ")).toBe(3);
    expect(readLabel("-1")).toBe(-1);
    expect(readLabel(" 体育 ")).toBe("体育");
    expect(readLabel("007")).toBe("007");
    expect(readLabel("positive")).toBe("positive");
  });

  it("refuses what is neither", () => {
    expect(readLabel(undefined)).toEqual({ error: "label is missing" });
    expect(readLabel("  ")).toEqual({ error: "label is missing" });
    expect(readLabel(1.5)).toEqual({ error: "label must be an integer or text, got 1.5" });
    expect(readLabel(false)).toEqual({ error: "label must be an integer or text, got false" });
    expect(readLabel({})).toEqual({ error: "label must be an integer or text, got an object" });
    expect(readLabel("好".repeat(64))).toBe("好".repeat(64));
    expect(readLabel("好".repeat(65))).toEqual({ error: "label must be at most 64 characters, got 65" });
    expect(readLabel(1e16)).toMatchObject({ error: expect.stringContaining("too large") });
  });
});

describe("label keys", () => {
  it("round-trip both kinds", () => {
    for (const label of [0, 1, -3, 42, "体育", "007", "1.5", "a b"]) expect(labelFromKey(labelKey(label))).toBe(label);
  });
});

describe("orderLabels", () => {
  it("keeps a 0/1 file binary even with one class, orders integers, then texts as first seen", () => {
    expect(orderLabels([1, 1])).toEqual([0, 1]);
    expect(orderLabels([1, 0, 1])).toEqual([0, 1]);
    expect(orderLabels([2, 0, 10, 1])).toEqual([0, 1, 2, 10]);
    expect(orderLabels(["财经", "体育", "财经", 3])).toEqual([3, "财经", "体育"]);
  });
});

describe("defaultLabelWords", () => {
  it("is 消极/积极 for 0/1 and the label itself otherwise", () => {
    expect(defaultLabelWords([0, 1])).toEqual({ "0": "消极", "1": "积极" });
    expect(defaultLabelWords(["体育", "财经"])).toEqual({ 体育: "体育", 财经: "财经" });
    expect(defaultLabelWords([0, 1, 2])).toEqual({ "0": "0", "1": "1", "2": "2" });
  });
});
