// One upload, start to finish without I/O: bytes → text → records → rules → splits → statistics.
// Throws DatasetRejection listing every problem (capped) so nothing is stored for a bad file.
import type { DatasetStats, DatasetWarning, LabelCounts, SplitCounts } from "@loraboard/contracts";
import { decodeUtf8 } from "./decode";
import { parseDatasetText } from "./parse";
import { orderLabels, type Label } from "../label-set";
import { DatasetRejection, describeIssueCount, inFile } from "./rejection";
import { assignSplits, checkClassSizes } from "./split";
import { computeDatasetStats, countLabels, countSplits } from "./stats";
import type { DatasetFormat, DatasetIssue, SplitName, ValidRow } from "./types";
import { validateDataset, validateRecords } from "./validate";

export const DEFAULT_VAL_FRACTION = 0.1;
export const DEFAULT_TEST_FRACTION = 0.1;
export const DEFAULT_SEED = 42;
const TEST_FILE = "test file";

export interface UploadedFile {
  bytes: Uint8Array;
  filename: string;
}

export interface PrepareOptions {
  valFraction?: number;
  /** Ignored when a separate test file is given: that file is the test split. */
  testFraction?: number;
  seed?: number;
}

/** Rows in storage order (index = position): the main file's rows, then the test file's. */
export interface PreparedDataset {
  format: DatasetFormat;
  testFormat?: DatasetFormat;
  sentences: string[];
  /** Each row's label, as uploaded (integer or text). */
  labels: Label[];
  /** The dataset's classes in report order. */
  classes: Label[];
  splits: SplitName[];
  rowCount: number;
  labelCounts: LabelCounts;
  splitCounts: SplitCounts;
  stats: DatasetStats;
  warnings: DatasetWarning[];
  valFraction: number;
  testFraction: number;
  seed: number;
  hasSeparateTest: boolean;
}

export function prepareDataset(file: UploadedFile, testFile?: UploadedFile, options: PrepareOptions = {}): PreparedDataset {
  const valFraction = options.valFraction ?? DEFAULT_VAL_FRACTION;
  const testFraction = testFile ? 0 : (options.testFraction ?? DEFAULT_TEST_FRACTION);
  const seed = options.seed ?? DEFAULT_SEED;

  const main = readFile(file);
  const test = testFile ? readFile(testFile, TEST_FILE) : undefined;
  const malformed = [main, test].filter((part) => part?.rejection).map((part) => part!.rejection!);
  if (malformed.length > 0) {
    if (malformed.length === 1) throw malformed[0]!;
    const issues = malformed.flatMap((rejection) => rejection.issues);
    throw new DatasetRejection("malformed", malformed[0]!.code, malformed.map((r) => r.message).join(" "), issues,
      malformed.reduce((sum, r) => sum + r.total, 0));
  }

  const mainChecked = validateRecords(main.records);
  const testChecked = test ? validateRecords(test.records) : undefined;
  const parts = [{ rows: mainChecked.rows }, ...(testChecked ? [{ rows: testChecked.rows, fileLabel: TEST_FILE }] : [])];
  const dataset = validateDataset(parts);
  const noRows: DatasetIssue[] = [
    ...(main.records.length === 0 ? [{ message: "the file has no rows" }] : []),
    ...(test && test.records.length === 0 ? [{ message: "the test file has no rows" }] : []),
  ];
  // Each JSONL line stands alone: lines that are not JSON are reported with the others' problems.
  const lineIssues = [...(main.lineIssues?.issues ?? []), ...inFile(test?.lineIssues?.issues ?? [], "In the test file")];
  const lineIssueCount = (main.lineIssues?.total ?? 0) + (test?.lineIssues?.total ?? 0);
  const errors: DatasetIssue[] = [
    ...lineIssues,
    ...mainChecked.errors,
    ...inFile(testChecked?.errors ?? [], testChecked ? "In the test file" : undefined),
    ...dataset.errors,
    ...noRows,
  ];
  const errorCount = lineIssueCount + mainChecked.errorCount + (testChecked?.errorCount ?? 0) + dataset.errorCount + noRows.length;
  if (errorCount > 0) {
    // Row order within each file, main file first, so the list reads like the file.
    errors.sort((a, b) => fileRank(a) - fileRank(b) || (a.row ?? Infinity) - (b.row ?? Infinity));
    if (lineIssueCount > 0) {
      const others = errorCount - lineIssueCount;
      throw new DatasetRejection(
        "malformed",
        "malformed_json",
        `The dataset has ${describeIssueCount(errorCount)}: ${describeIssueCount(lineIssueCount, "line")} not JSON, first at line ${lineIssues[0]!.row}${others > 0 ? `, and ${others.toLocaleString("en-US")} in the lines that are` : ""}; fix ${errorCount === 1 ? "it" : "them"} and upload again. Nothing was stored.`,
        errors,
        errorCount,
      );
    }
    const isEmpty = main.records.length === 0 && errorCount === 1;
    throw new DatasetRejection(
      "invalid",
      isEmpty ? "empty_dataset" : "invalid_dataset",
      isEmpty
        ? "The file has no rows: expected at least one {\"sentence\", \"label\"} record. Nothing was stored."
        : `The dataset has ${describeIssueCount(errorCount)}; fix ${errorCount === 1 ? "it" : "them"} and upload again. Nothing was stored.`,
      errors,
      errorCount,
    );
  }

  const rows: ValidRow[] = [...mainChecked.rows, ...(testChecked?.rows ?? [])];
  const sentences = rows.map((row) => row.sentence);
  const labels = rows.map((row) => row.label);
  const classes = orderLabels(labels);
  const tooSmall = checkClassSizes(mainChecked.rows.map((row) => row.label), { valFraction, testFraction, seed });
  if (tooSmall.length > 0) {
    throw new DatasetRejection(
      "invalid",
      "class_too_small",
      `${tooSmall.length === 1 ? "A class has" : `${tooSmall.length} classes have`} too few rows to appear in every split (the splits are stratified by class); add rows or remove ${tooSmall.length === 1 ? "it" : "them"}. Nothing was stored.`,
      tooSmall,
    );
  }
  const splits = testChecked
    ? [
        ...assignSplits(mainChecked.rows.map((row) => row.label), { valFraction, testFraction: 0, seed }),
        ...testChecked.rows.map((): SplitName => "test"),
      ]
    : assignSplits(labels, { valFraction, testFraction, seed });
  const splitCounts = countSplits(splits);

  const warnings: DatasetWarning[] = [
    ...mainChecked.warnings,
    ...(testChecked?.warnings ?? []).map((warning) => ({ ...warning, message: `In the test file: ${warning.message}` })),
    ...dataset.warnings,
  ];
  if (splitCounts.train === 0) {
    warnings.push({ code: "empty_split", message: "The train split is empty: the dataset is too small for these fractions." });
  }
  if (valFraction > 0 && splitCounts.val === 0) {
    warnings.push({ code: "empty_split", message: "The validation split is empty: the dataset is too small for valFraction." });
  }

  return {
    format: main.format,
    testFormat: test?.format,
    sentences,
    labels,
    classes,
    splits,
    rowCount: rows.length,
    labelCounts: countLabels(labels, classes),
    splitCounts,
    stats: computeDatasetStats({ sentences, labels, splits, duplicateCount: dataset.duplicateCount, classes }),
    warnings,
    valFraction,
    testFraction,
    seed,
    hasSeparateTest: testFile !== undefined,
  };
}

function readFile(file: UploadedFile, fileLabel?: string) {
  try {
    const { text } = decodeUtf8(file.bytes);
    return { ...parseDatasetText(text, file.filename), rejection: undefined };
  } catch (error) {
    if (!(error instanceof DatasetRejection)) throw error;
    const rejection = fileLabel
      ? new DatasetRejection(error.kind, error.code, `The ${fileLabel}: ${lowerFirst(error.message)}`, inFile(error.issues, `In the ${fileLabel}`), error.total)
      : error;
    return { format: "json" as DatasetFormat, records: [], lineIssues: undefined, rejection };
  }
}

const fileRank = (issue: DatasetIssue) => (/^(In the )?test file: /i.test(issue.message) ? 1 : 0);

const lowerFirst = (text: string) => text.charAt(0).toLowerCase() + text.slice(1);
