// The golden cases the trainer's parser is tested on too (workers/trainer/tests/test_labels.py):
// one rule for reading an answer as a label on both sides.
import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { type LabelWords, parseLabel } from "./labels";

const { cases } = JSON.parse(readFileSync(path.join(import.meta.dirname, "label-parsing.cases.json"), "utf8")) as {
  cases: { labelWords: LabelWords; text: string; expected: string | null }[];
};

describe("parseLabel on the shared golden cases", () => {
  it.each(cases)("$text with $labelWords → $expected", ({ labelWords, text, expected }) => {
    const label = parseLabel(text, labelWords);
    expect(label === null ? null : String(label)).toBe(expected);
  });
});
