import { describe, expect, it } from "vitest";
import { prepareDataset, type UploadedFile } from "./prepare";
import { DatasetRejection } from "./rejection";
import { validateDataset } from "./validate";

const file = (text: string, filename = "data.json"): UploadedFile => ({ bytes: new TextEncoder().encode(text), filename });

function rejectionOf(run: () => unknown): DatasetRejection {
  try {
    run();
  } catch (error) {
    if (error instanceof DatasetRejection) return error;
    throw error;
  }
  throw new Error("expected a DatasetRejection");
}

const TOPICS = ["体育", "财经", "科技"];
const topicRows = (perTopic: number) =>
  TOPICS.flatMap((topic) => Array.from({ length: perTopic }, (_, i) => ({ sentence: `${topic}新闻第${i}条`, label: topic })));

describe("prepareDataset with text labels", () => {
  it("counts classes by label, in first-seen order, per split and per histogram bin", () => {
    const prepared = prepareDataset(file(JSON.stringify(topicRows(10))));
    expect(prepared.classes).toEqual(["体育", "财经", "科技"]);
    expect(prepared.labelCounts).toEqual({ 体育: 10, 财经: 10, 科技: 10 });
    expect(Object.keys(prepared.labelCounts)).toEqual(TOPICS);
    expect(prepared.splitCounts).toEqual({ train: 24, val: 3, test: 3 });
    for (const split of ["train", "val", "test"] as const) {
      expect(Object.values(prepared.stats.labelCountsBySplit[split]).every((count) => count > 0)).toBe(true);
    }
    const stacked = prepared.stats.histogram.reduce((sum, bin) => sum + Object.values(bin.labelCounts).reduce((a, b) => a + b, 0), 0);
    expect(stacked).toBe(30);
  });

  it("reads a CSV with integer and text labels alike", () => {
    const prepared = prepareDataset(file("sentence,label\na,2\nb,0\nc,2\nd,0\ne,1\nf,1\n", "three.csv"), undefined, { valFraction: 0, testFraction: 0 });
    expect(prepared.labels).toEqual([2, 0, 2, 0, 1, 1]);
    expect(prepared.classes).toEqual([0, 1, 2]);
  });

  it("refuses a class too small for the stratified splits, naming it", () => {
    const rows = [...topicRows(20), { sentence: "只有一条", label: "罕见" }];
    const rejection = rejectionOf(() => prepareDataset(file(JSON.stringify(rows))));
    expect(rejection).toMatchObject({ kind: "invalid", code: "class_too_small" });
    expect(rejection.issues).toEqual([{ field: "label", message: expect.stringContaining('label "罕见" has 1 row; it needs at least 3') }]);
  });

  it("refuses one class, and more than 100", () => {
    const one = rejectionOf(() => prepareDataset(file(JSON.stringify([{ sentence: "a", label: "x" }, { sentence: "b", label: "x" }]))));
    expect(one.issues).toEqual([{ field: "label", message: 'every row has label "x": a dataset needs at least 2 different labels to classify' }]);
    const many = Array.from({ length: 101 }, (_, i) => ({ sentence: `s${i}`, label: `类${i}` }));
    const tooMany = rejectionOf(() => prepareDataset(file(JSON.stringify(many))));
    expect(tooMany.issues[0]!.message).toMatch(/^the dataset has 101 different labels; at most 100/);
  });
});

describe("JSONL uploads", () => {
  it("report every line's problems in one answer: a bad label, broken JSON, a missing sentence", () => {
    const lines = [
      '{"sentence": "好", "label": 1}',
      '{"sentence": "差", "label": 0}',
      '{"sentence": "还行", "label": 1.5}',
      '{"sentence": "一般", "label": 0}',
      '{"sentence": "坏", label: 0}',
      '{"sentence": "棒", "label": 1}',
      '{"sentence": "赞", "label": 1}',
      '{"label": 0}',
    ];
    const rejection = rejectionOf(() => prepareDataset(file(lines.join("\n"), "mixed.jsonl")));
    expect(rejection).toMatchObject({ kind: "malformed", code: "malformed_json", total: 3 });
    expect(rejection.issues.map((issue) => [issue.row, issue.field ?? null])).toEqual([
      [3, "label"],
      [5, null],
      [8, "sentence"],
    ]);
    expect(rejection.issues[1]!.message).toMatch(/^not JSON at line 5/);
    expect(rejection.message).toBe("The dataset has 3 problems: 1 line not JSON, first at line 5, and 2 in the lines that are; fix them and upload again. Nothing was stored.");
  });
});

describe("validateDataset across files", () => {
  it("refuses a test-file label the main file never has", () => {
    const check = validateDataset([
      { rows: [{ row: 1, sentence: "a", label: "体育" }, { row: 2, sentence: "b", label: "财经" }] },
      { rows: [{ row: 1, sentence: "c", label: "科技" }], fileLabel: "test file" },
    ]);
    expect(check.errors).toEqual([{ row: 1, field: "label", message: 'test file: label "科技" is not in the main file, so the model never learns it' }]);
  });
});
