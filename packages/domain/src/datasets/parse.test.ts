import { describe, expect, it } from "vitest";
import { detectFormat, parseCsv, parseDatasetText, parseJsonArray, parseJsonLines } from "./parse";
import { DatasetRejection } from "./rejection";
import { locateJsonSyntaxError } from "./json-syntax";

function rejectionOf(run: () => unknown): DatasetRejection {
  try {
    run();
  } catch (error) {
    if (error instanceof DatasetRejection) return error;
    throw error;
  }
  throw new Error("expected a DatasetRejection");
}

describe("detectFormat", () => {
  it("tells the formats apart by content, the extension only breaking ties", () => {
    expect(detectFormat('  [{"sentence": "a", "label": 1}]', "data.txt")).toBe("json");
    expect(detectFormat('{"sentence": "a", "label": 1}\n', "data.json")).toBe("jsonl");
    expect(detectFormat("sentence,label\na,1\n", "data.txt")).toBe("csv");
    expect(detectFormat("", "empty.csv")).toBe("csv");
  });

  it("refuses text it cannot place", () => {
    const rejection = rejectionOf(() => detectFormat("hello world\nmore", "notes.txt"));
    expect(rejection).toMatchObject({ kind: "malformed", code: "unknown_format" });
    expect(rejection.message).toMatch(/JSON array.*JSONL.*CSV/);
  });
});

describe("parseJsonArray", () => {
  it("numbers records from 1 in array order", () => {
    expect(parseJsonArray('[{"sentence": "a", "label": 1},\n {"sentence": "b", "label": 0}]\n')).toEqual([
      { row: 1, value: { sentence: "a", label: 1 } },
      { row: 2, value: { sentence: "b", label: 0 } },
    ]);
  });

  it("says which line breaks the JSON", () => {
    const text = '[\n{"sentence": "a", "label": 1},\n{"sentence": "b", "label": 0}\n{"sentence": "c", "label": 1}\n]';
    const rejection = rejectionOf(() => parseJsonArray(text));
    expect(rejection).toMatchObject({ kind: "malformed", code: "malformed_json" });
    expect(rejection.message).toContain("not JSON at line 4");
    expect(rejection.issues[0]).toMatchObject({ row: 4 });
  });

  it("refuses JSON that is not an array", () => {
    expect(rejectionOf(() => parseJsonArray('{\n"rows": []\n}')).message).toMatch(/not an array/);
  });
});

describe("locateJsonSyntaxError", () => {
  it.each([
    ['[1, 2,]', 1, 7, "trailing comma"],
    ["{'a': 1}", 1, 2, "double quotes"],
    ['["a\nb"]', 1, 4, "not closed before the end of the line"],
    ['[{"a": 1}\n', 2, 1, "the file ends"],
    ["[1] x", 1, 5, "after the end"],
  ])("%j → line %i column %i", (text, line, column, message) => {
    const error = locateJsonSyntaxError(text);
    expect(error).toMatchObject({ line, column });
    expect(error?.message).toContain(message);
  });

  it("returns null for valid JSON", () => {
    expect(locateJsonSyntaxError('{"a": [1, -2.5e3, true, null, "\\u00e9"]}')).toBeNull();
  });
});

describe("parseJsonLines", () => {
  it("numbers records by line, skipping blank lines, with CRLF and without a final newline", () => {
    const text = '{"sentence": "a", "label": 1}\r\n\r\n{"sentence": "b", "label": 0}';
    expect(parseJsonLines(text)).toEqual([
      { row: 1, value: { sentence: "a", label: 1 } },
      { row: 3, value: { sentence: "b", label: 0 } },
    ]);
  });

  it("lists every broken line, not just the first", () => {
    const text = '{"sentence": "a", "label": 1}\n{"sentence": "b", label: 0}\nnot json\n{"sentence": "c", "label": 1}\n';
    const rejection = rejectionOf(() => parseJsonLines(text));
    expect(rejection.issues.map((issue) => issue.row)).toEqual([2, 3]);
    expect(rejection.message).toContain("2 lines that are not JSON, first at line 2");
  });

  it("keeps a very long line whole", () => {
    const sentence = "长".repeat(200_000);
    expect(parseJsonLines(JSON.stringify({ sentence, label: 1 }))[0]!.value).toEqual({ sentence, label: 1 });
  });
});

describe("parseCsv", () => {
  it("reads quoted fields with commas, escaped quotes and newlines; CRLF; a trailing newline", () => {
    const text = 'sentence,label\r\n"good, really ""good""\r\nsecond line",1\r\nplain,0\r\n';
    expect(parseCsv(text)).toEqual([
      { row: 2, value: { sentence: 'good, really "good"\r\nsecond line', label: "1" } },
      { row: 4, value: { sentence: "plain", label: "0" } },
    ]);
  });

  it("accepts the columns in any order and case, keeping extra columns for validation", () => {
    expect(parseCsv("Label,id,Sentence\n1,7,hi\n\n")).toEqual([{ row: 2, value: { label: "1", id: "7", sentence: "hi" } }]);
  });

  it("keeps emoji and CJK text intact", () => {
    expect(parseCsv("sentence,label\n太好了😀👍🏽,1")).toEqual([{ row: 2, value: { sentence: "太好了😀👍🏽", label: "1" } }]);
  });

  it("refuses a header without sentence and label", () => {
    const rejection = rejectionOf(() => parseDatasetText("text,label\na,1\n", "a.csv"));
    expect(rejection).toMatchObject({ code: "malformed_csv", issues: [{ row: 1, field: "header", message: "missing column sentence" }] });
  });

  it("lists lines with the wrong number of fields and unclosed quotes", () => {
    const rejection = rejectionOf(() => parseCsv('sentence,label\nok,1\na, b, c,1\nfine,0\n"never closed,1\nx,0\n'));
    expect(rejection.issues).toEqual([
      { row: 3, message: expect.stringContaining("expected 2 fields like the header, found 4") },
      { row: 5, message: "a quoted field opened at line 5 is never closed" },
    ]);
  });

  it("reports text after a closing quote", () => {
    const rejection = rejectionOf(() => parseCsv('sentence,label\n"a"b,1\n'));
    expect(rejection.issues[0]).toMatchObject({ row: 2, message: expect.stringContaining("after a closing quote") });
  });
});
