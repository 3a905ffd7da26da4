import { describe, expect, it } from "vitest";
import { checkLabelWordInputs, labelWordInputs } from "./label-words-form";

describe("labelWordInputs", () => {
  it("starts from the defaults and keeps words typed for labels the new dataset also has", () => {
    expect(labelWordInputs([0, 1])).toEqual({ "0": "消极", "1": "积极" });
    expect(labelWordInputs(["体育", "财经", "科技"], { 体育: "sports", 娱乐: "fun" })).toEqual({ 体育: "sports", 财经: "财经", 科技: "科技" });
  });
});

describe("checkLabelWordInputs", () => {
  it("puts each problem on its label's field and reports prefixes as warnings", () => {
    const labels = ["体育", "财经", "科技"];
    expect(checkLabelWordInputs({ 体育: " ", 财经: "同", 科技: "同" }, labels).errors).toEqual({
      "labelWords.体育": 'enter the word for label "体育"',
      "labelWords.科技": 'labels "财经" and "科技" have the same word "同"; each class needs its own',
    });
    const prefixed = checkLabelWordInputs({ 体育: "科", 财经: "财经", 科技: "科技" }, labels);
    expect(prefixed.errors).toEqual({});
    expect(prefixed.warnings).toHaveLength(1);
  });
});
