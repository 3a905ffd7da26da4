import { describe, expect, it } from "vitest";
import { decodeUtf8, findInvalidUtf8 } from "./decode";
import { DatasetRejection } from "./rejection";

const utf8 = (text: string) => new TextEncoder().encode(text);

function rejectionOf(run: () => unknown): DatasetRejection {
  try {
    run();
  } catch (error) {
    if (error instanceof DatasetRejection) return error;
    throw error;
  }
  throw new Error("expected a DatasetRejection");
}

describe("decodeUtf8", () => {
  it("reads UTF-8 with Chinese text and emoji", () => {
    expect(decodeUtf8(utf8("好评 👍\n"))).toEqual({ text: "好评 👍\n", hasBom: false });
  });

  it("drops a UTF-8 BOM and says it was there", () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...utf8("[1]")]);
    expect(decodeUtf8(bytes)).toEqual({ text: "[1]", hasBom: true });
  });

  it("refuses GBK bytes as not UTF-8, naming the line", () => {
    // "好" in GBK is 0xBA 0xC3, on the third line.
    const bytes = new Uint8Array([...utf8("sentence,label\nok,1\n"), 0xba, 0xc3, ...utf8(",0\n")]);
    const rejection = rejectionOf(() => decodeUtf8(bytes));
    expect(rejection).toMatchObject({ kind: "malformed", code: "not_utf8" });
    expect(rejection.message).toContain("line 3");
    expect(rejection.issues).toEqual([{ row: 3, message: "not UTF-8 (byte 0xBA)" }]);
  });

  it("refuses UTF-16 and ZIP files with a message saying what to do", () => {
    expect(rejectionOf(() => decodeUtf8(new Uint8Array([0xff, 0xfe, 0x5b, 0x00]))).message).toMatch(/UTF-16.*save it as UTF-8/);
    expect(rejectionOf(() => decodeUtf8(new Uint8Array([0x50, 0x4b, 0x03, 0x04, 0x00]))).code).toBe("unknown_format");
  });
});

describe("findInvalidUtf8", () => {
  it("finds truncated sequences, overlongs and surrogates", () => {
    expect(findInvalidUtf8(utf8("ok 好 👍"))).toBe(-1);
    expect(findInvalidUtf8(new Uint8Array([0x61, 0xe5, 0xa5]))).toBe(1);
    expect(findInvalidUtf8(new Uint8Array([0xc0, 0xaf]))).toBe(0);
    expect(findInvalidUtf8(new Uint8Array([0xed, 0xa0, 0x80]))).toBe(0);
  });
});
