import { describe, expect, it } from "vitest";
import { nameField, sanitizeName } from "./names";

describe("sanitizeName", () => {
  it("drops control, bidi and zero-width characters and collapses whitespace", () => {
    expect(sanitizeName("  good\u0000 name\r\n\t")).toBe("good name");
    expect(sanitizeName("invoice\u202egnp.exe")).toBe("invoice gnp.exe");
    expect(sanitizeName("a\u200bb\ufeff")).toBe("a b");
    expect(sanitizeName("积极 评论")).toBe("积极 评论");
  });

  it("is applied before the length rules of a name field", () => {
    expect(nameField("name", 5).safeParse("\u0000\u0001 ").success).toBe(false);
    expect(nameField("name", 5).parse(" ab\u0007c ")).toBe("ab c");
    expect(nameField("name", 5).safeParse("abcdef").success).toBe(false);
  });
});
