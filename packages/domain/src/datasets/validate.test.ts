import { describe, expect, it } from "vitest";
import { countCodePoints, validateDataset, validateRecords } from "./validate";
import type { ParsedRecord } from "./types";

const records = (...values: unknown[]): ParsedRecord[] => values.map((value, i) => ({ row: i + 1, value }));

describe("validateRecords", () => {
  it("accepts labels 0 and 1 as numbers or text", () => {
    const result = validateRecords(records({ sentence: "a", label: 0 }, { sentence: "b", label: "1" }, { sentence: "c", label: " 0 " }));
    expect(result.errors).toEqual([]);
    expect(result.rows.map((row) => row.label)).toEqual([0, 1, 0]);
  });

  it("lists every broken rule with its row and field", () => {
    const result = validateRecords(
      records(
        { sentence: "ok", label: 1 },
        { label: 1 },
        { sentence: "   ", label: 0 },
        { sentence: 42, label: 0 },
        { sentence: "x", label: 2.5 },
        { sentence: "y", label: "p".repeat(65) },
        { sentence: "z", label: true },
        { sentence: "w" },
        ["not", "an", "object"],
      ),
    );
    expect(result.errors).toEqual([
      { row: 2, field: "sentence", message: "sentence is missing" },
      { row: 3, field: "sentence", message: "sentence is empty" },
      { row: 4, field: "sentence", message: "sentence must be text, got number 42" },
      { row: 5, field: "label", message: "label must be an integer or text, got 2.5" },
      { row: 6, field: "label", message: "label must be at most 64 characters, got 65" },
      { row: 7, field: "label", message: "label must be an integer or text, got true" },
      { row: 8, field: "label", message: "label is missing" },
      { row: 9, message: 'expected an object with "sentence" and "label", got an array' },
    ]);
    expect(result.rows).toHaveLength(1);
  });

  it("warns about extra fields once per field, with the rows", () => {
    const result = validateRecords(records({ sentence: "a", label: 1, id: 1 }, { sentence: "b", label: 0, id: 2, source: "x" }));
    expect(result.warnings).toEqual([
      expect.objectContaining({ code: "extra_field", count: 2, rows: [1, 2] }),
      expect.objectContaining({ code: "extra_field", count: 1, rows: [2] }),
    ]);
  });
});

describe("validateDataset", () => {
  const rows = (...pairs: [string, 0 | 1][]) => pairs.map(([sentence, label], i) => ({ row: i + 1, sentence, label }));

  it("counts duplicates as a warning and refuses one sentence with both labels", () => {
    const check = validateDataset([{ rows: rows(["a", 1], ["b", 0], ["a", 1], [" a ", 1], ["b", 1]) }]);
    expect(check.duplicateCount).toBe(2);
    expect(check.warnings).toEqual([expect.objectContaining({ code: "duplicate_sentences", count: 2, rows: [3, 4] })]);
    expect(check.errors).toEqual([
      { row: 5, field: "label", message: "the same sentence is at row 2 with label 0, here with label 1" },
    ]);
  });

  it("warns about a single class and very long sentences", () => {
    const check = validateDataset([{ rows: rows(["好".repeat(1001), 1], ["short", 1]) }]);
    expect(check.warnings.map((warning) => warning.code)).toEqual(["long_sentences", "single_class"]);
    expect(validateDataset([{ rows: [] }])).toEqual({ errors: [], errorCount: 0, warnings: [], duplicateCount: 0 });
  });

  it("names the other file when the test file repeats or contradicts the main file", () => {
    const check = validateDataset([
      { rows: rows(["a", 1], ["b", 0]) },
      { rows: rows(["a", 1], ["b", 1]), fileLabel: "test file" },
    ]);
    expect(check.errors).toEqual([
      { row: 2, field: "label", message: "test file: the same sentence is at row 2 of the main file with label 0, here with label 1" },
    ]);
    expect(check.warnings.map((warning) => warning.code)).toContain("test_overlap");
  });
});

describe("countCodePoints", () => {
  it("counts an emoji or a CJK character as one", () => {
    expect(countCodePoints("好😀a")).toBe(3);
    expect("好😀a".length).toBe(4);
  });
});
