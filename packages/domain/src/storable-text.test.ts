import { describe, expect, it } from "vitest";
import { findUnstorableText, whyTextIsUnstorable } from "./storable-text";

describe("storable text", () => {
  it("accepts any well-formed text, surrogate pairs (emoji) included", () => {
    for (const text of ["", "好评", "太好了😀👍🏽", "line\nbreak\ttab", "\uFFFD", "\u202Eevil"]) expect(whyTextIsUnstorable(text)).toBeNull();
  });

  it("refuses NUL and lone surrogates of either half", () => {
    expect(whyTextIsUnstorable("a\u0000b")).toContain("NUL");
    for (const text of ["\uD800", "x\uDBFFy", "\uDC00", "😀".slice(1), "\uDFFF\uD800"]) expect(whyTextIsUnstorable(text)).toContain("lone UTF-16 surrogate");
  });

  it("finds the first bad string anywhere in a JSON value, keys included, with its path", () => {
    expect(findUnstorableText({ a: ["ok", { b: "\uD800" }] })).toMatchObject({ path: ["a", 1, "b"] });
    expect(findUnstorableText({ labelWords: { "\u0000": "x" } })).toMatchObject({ path: ["labelWords", "\u0000"], reason: expect.stringContaining("its name") });
    expect(findUnstorableText({ a: 1, b: [true, null, "fine"] })).toBeNull();
  });
});
