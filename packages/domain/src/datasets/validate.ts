// The rules a dataset's records must follow. Errors (bad label, missing/empty sentence, wrong
// types, one sentence with two labels, fewer than 2 or more than 100 classes, no rows) block the
// upload; warnings (extra fields, duplicates, very long sentences, a 0/1 file with one class) are
// reported with it.
import { describeLabel, labelKey, MAX_CLASSES, MIN_CLASSES, orderLabels, readLabel, type Label } from "../label-set";
import { whyTextIsUnstorable } from "../storable-text";
import { describeIssueCount, IssueCollector } from "./rejection";
import type { DatasetIssue, DatasetWarning, ParsedRecord, ValidRow } from "./types";

export const LONG_SENTENCE_CHARS = 1000;
const LISTED_ROWS = 20;

export interface ValidatedFile {
  rows: ValidRow[];
  /** The first errors (capped) and how many there are in all. */
  errors: DatasetIssue[];
  errorCount: number;
  /** Per-file warnings; dataset-wide ones (duplicates, classes) come from validateDataset. */
  warnings: DatasetWarning[];
}

/** Checks every record of one file; never stops at the first problem. */
export function validateRecords(records: ParsedRecord[]): ValidatedFile {
  const rows: ValidRow[] = [];
  const errors = new IssueCollector();
  const extraFields = new Map<string, number[]>();
  for (const { row, value } of records) {
    if (typeof value !== "object" || value === null || Array.isArray(value)) {
      errors.add(() => ({ row, message: `expected an object with "sentence" and "label", got ${describeType(value)}` }));
      continue;
    }
    const record = value as Record<string, unknown>;
    const sentence = checkSentence(record.sentence);
    const label = readLabel(record.label);
    const isLabel = typeof label !== "object";
    if (typeof sentence !== "string") errors.add({ row, field: "sentence", message: sentence.error });
    if (!isLabel) errors.add({ row, field: "label", message: label.error });
    for (const key of Object.keys(record)) {
      if (key === "sentence" || key === "label") continue;
      const seen = extraFields.get(key) ?? [];
      seen.push(row);
      extraFields.set(key, seen);
    }
    if (typeof sentence === "string" && isLabel) rows.push({ row, sentence, label });
  }
  const warnings: DatasetWarning[] = [...extraFields].map(([key, seenRows]) => ({
    code: "extra_field",
    message: `Field ${JSON.stringify(key)} is ignored (${rowCount(seenRows.length)}); only sentence and label are used.`,
    count: seenRows.length,
    rows: seenRows.slice(0, LISTED_ROWS),
  }));
  return { rows, errors: errors.issues, errorCount: errors.total, warnings };
}

function checkSentence(value: unknown): string | { error: string } {
  if (value === undefined || value === null) return { error: "sentence is missing" };
  if (typeof value !== "string") return { error: `sentence must be text, got ${describeType(value)}` };
  if (value.trim() === "") return { error: "sentence is empty" };
  // Postgres text cannot hold NUL, nor Prisma send a lone surrogate (a JSON "\ud800" escape);
  // either is a sign of a binary, mis-encoded or hostile file anyway.
  const unstorable = whyTextIsUnstorable(value);
  if (unstorable) return { error: `sentence ${unstorable}` };
  return value;
}

function describeType(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "object") return "an object";
  if (typeof value === "string") return `text ${JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value)}`;
  if (typeof value === "boolean") return `${value}`;
  return `${typeof value} ${String(value)}`;
}

const rowCount = (n: number) => `${n.toLocaleString("en-US")} row${n === 1 ? "" : "s"}`;

export interface DatasetPart {
  rows: ValidRow[];
  /** Shown before messages about this part, e.g. "test file"; none for the main file. */
  fileLabel?: string;
}

export interface DatasetCheck {
  errors: DatasetIssue[];
  errorCount: number;
  warnings: DatasetWarning[];
  duplicateCount: number;
}

/** Rules across all rows of the dataset (the main file and the optional test file together). */
export function validateDataset(parts: DatasetPart[]): DatasetCheck {
  const errors = new IssueCollector();
  const warnings: DatasetWarning[] = [];
  const firstSeen = new Map<string, { row: number; label: Label; fileLabel?: string }>();
  const duplicateRows: number[] = [];
  const crossFileRows: number[] = [];
  const longRows: number[] = [];
  let duplicateCount = 0;
  let total = 0;
  const labelTotals = new Map<string, number>();
  const firstRowOfLabel = new Map<string, { row: number; label: Label; fileLabel?: string }>();
  for (const part of parts) {
    for (const { row, sentence, label } of part.rows) {
      total++;
      const key = labelKey(label);
      labelTotals.set(key, (labelTotals.get(key) ?? 0) + 1);
      if (!firstRowOfLabel.has(key)) firstRowOfLabel.set(key, { row, label, fileLabel: part.fileLabel });
      if (sentence.length > LONG_SENTENCE_CHARS && countCodePoints(sentence) > LONG_SENTENCE_CHARS) longRows.push(row);
      const sentenceKey = sentence.trim();
      const earlier = firstSeen.get(sentenceKey);
      if (!earlier) {
        firstSeen.set(sentenceKey, { row, label, fileLabel: part.fileLabel });
        continue;
      }
      const where = earlier.fileLabel === part.fileLabel ? `row ${earlier.row}` : `row ${earlier.row} of the ${earlier.fileLabel ?? "main file"}`;
      if (labelKey(earlier.label) !== key) {
        errors.add({
          row,
          field: "label",
          message: `${part.fileLabel ? `${part.fileLabel}: ` : ""}the same sentence is at ${where} with label ${describeLabel(earlier.label)}, here with label ${describeLabel(label)}`,
        });
        continue;
      }
      duplicateCount++;
      if (earlier.fileLabel !== part.fileLabel) crossFileRows.push(row);
      else duplicateRows.push(row);
    }
  }
  // No rows at all is the caller's to report: it knows whether records existed but were all invalid.
  if (total === 0) return { errors: errors.issues, errorCount: errors.total, warnings, duplicateCount };
  const labels = orderLabels([...firstRowOfLabel.values()].map((first) => first.label));
  checkClasses(labels, firstRowOfLabel, errors);
  if (duplicateCount > 0) {
    warnings.push({
      code: "duplicate_sentences",
      message: `${rowCount(duplicateCount)} repeat${duplicateCount === 1 ? "s" : ""} a sentence that appears earlier with the same label.`,
      count: duplicateCount,
      rows: [...duplicateRows, ...crossFileRows].slice(0, LISTED_ROWS),
    });
  }
  if (crossFileRows.length > 0) {
    warnings.push({
      code: "test_overlap",
      message: `${rowCount(crossFileRows.length)} of the test file also appear in the main file, which inflates test accuracy.`,
      count: crossFileRows.length,
      rows: crossFileRows.slice(0, LISTED_ROWS),
    });
  }
  if (longRows.length > 0) {
    warnings.push({
      code: "long_sentences",
      message: `${rowCount(longRows.length)} ha${longRows.length === 1 ? "s a sentence" : "ve sentences"} longer than ${LONG_SENTENCE_CHARS.toLocaleString("en-US")} characters; training truncates them.`,
      count: longRows.length,
      rows: longRows.slice(0, LISTED_ROWS),
    });
  }
  // A 0/1 file always has both classes (orderLabels); one of them missing is worth a warning only.
  if (labelTotals.size === 1 && labels.length === 2) {
    warnings.push({
      code: "single_class",
      message: `Every row has label ${[...labelTotals.keys()][0]}; a classifier trained on one class learns nothing useful.`,
    });
  }
  return { errors: errors.issues, errorCount: errors.total, warnings, duplicateCount };
}

type FirstRows = Map<string, { row: number; label: Label; fileLabel?: string }>;

/** 2 to 100 classes, and a separate test file only with classes the model can learn. */
function checkClasses(labels: Label[], firstRows: FirstRows, errors: IssueCollector) {
  if (labels.length < MIN_CLASSES) {
    errors.add({
      field: "label",
      message: `every row has label ${describeLabel(labels[0]!)}: a dataset needs at least ${MIN_CLASSES} different labels to classify`,
    });
  }
  if (labels.length > MAX_CLASSES) {
    errors.add({
      field: "label",
      message: `the dataset has ${labels.length} different labels; at most ${MAX_CLASSES} are supported (check that the label column holds classes, not free text)`,
    });
  }
  for (const [, first] of firstRows) {
    if (first.fileLabel) {
      errors.add({
        row: first.row,
        field: "label",
        message: `${first.fileLabel}: label ${describeLabel(first.label)} is not in the main file, so the model never learns it`,
      });
    }
  }
}

/** Length in characters as a person counts them: an emoji or a CJK character is one. */
export function countCodePoints(text: string): number {
  let count = text.length;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        count--;
        i++;
      }
    }
  }
  return count;
}

export function summarizeErrors(total: number): string {
  return `The dataset breaks ${total === 1 ? "a rule" : "rules"}: ${describeIssueCount(total)}. Nothing was stored.`;
}
