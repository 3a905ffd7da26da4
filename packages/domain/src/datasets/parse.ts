// Text to records: a JSON array, JSON lines or CSV with a `sentence,label` header. Syntax problems
// reject the file as malformed (HTTP 400) with every broken line found; rules come later (validate.ts).
import { locateJsonSyntaxError } from "./json-syntax";
import { DatasetRejection, describeIssueCount, IssueCollector } from "./rejection";
import type { DatasetFormat, DatasetIssue, ParsedRecord } from "./types";

export interface ParsedFile {
  format: DatasetFormat;
  records: ParsedRecord[];
  /** JSONL lines that are not JSON; each line stands alone, so the other lines still count. */
  lineIssues?: { issues: DatasetIssue[]; total: number };
}

const FORMAT_HELP = 'a JSON array of {"sentence", "label"} objects, one such object per line (JSONL), or CSV with a sentence,label header';

/** Picks the format from the content first (the extension only breaks ties), then parses it. */
export function parseDatasetText(text: string, filename = ""): ParsedFile {
  const format = detectFormat(text, filename);
  if (format === "json") return { format, records: parseJsonArray(text) };
  if (format === "jsonl") {
    const { records, issues } = readJsonLines(text);
    return { format, records, lineIssues: issues.total > 0 ? { issues: issues.issues, total: issues.total } : undefined };
  }
  return { format, records: parseCsv(text) };
}

export function detectFormat(text: string, filename = ""): DatasetFormat {
  const first = /\S/.exec(text)?.[0];
  const extension = /\.([a-z0-9]+)$/i.exec(filename)?.[1]?.toLowerCase() ?? "";
  if (first === "[") return "json";
  if (first === "{") return "jsonl";
  if (first === undefined) {
    if (extension === "csv") return "csv";
    if (extension === "jsonl" || extension === "ndjson") return "jsonl";
    return "json";
  }
  const header = text.slice(0, text.search(/\r?\n|$/));
  if (extension === "csv" || /sentence/i.test(header) || /label/i.test(header)) return "csv";
  throw new DatasetRejection(
    "malformed",
    "unknown_format",
    `The file's format is not recognised: expected ${FORMAT_HELP}.`,
    [{ row: 1, message: `line 1 starts with ${JSON.stringify(header.slice(0, 40))}` }],
  );
}

export function parseJsonArray(text: string): ParsedRecord[] {
  if (text.trim() === "") return [];
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    const error = locateJsonSyntaxError(text);
    const where = error ? ` at line ${error.line}, column ${error.column}: ${error.message}` : "";
    throw new DatasetRejection("malformed", "malformed_json", `The file is not JSON${where}.`, [
      { row: error?.line, message: error ? `not JSON at line ${error.line}, column ${error.column}: ${error.message}` : "not JSON" },
    ]);
  }
  if (!Array.isArray(value)) {
    throw new DatasetRejection("malformed", "malformed_json", `The file is JSON but not an array of records: expected ${FORMAT_HELP}.`);
  }
  return value.map((item, i) => ({ row: i + 1, value: item }));
}

/** JSON lines, refused as a whole when any line is not JSON. */
export function parseJsonLines(text: string): ParsedRecord[] {
  const { records, issues } = readJsonLines(text);
  if (issues.total > 0) throw jsonLinesRejection(issues);
  return records;
}

/**
 * Every line that is JSON as a record and every line that is not as an issue. Refuses the file
 * outright only when no line is JSON, or when it is one pretty-printed JSON object.
 */
export function readJsonLines(text: string): { records: ParsedRecord[]; issues: IssueCollector } {
  const records: ParsedRecord[] = [];
  const issues = new IssueCollector();
  let start = 0;
  let line = 0;
  while (start <= text.length) {
    line++;
    let end = text.indexOf("\n", start);
    if (end === -1) end = text.length;
    const content = text.slice(start, end).replace(/\r$/, "");
    start = end + 1;
    if (content.trim() === "") continue;
    try {
      records.push({ row: line, value: JSON.parse(content) });
    } catch {
      const row = line;
      issues.add(() => {
        const error = locateJsonSyntaxError(content);
        return { row, message: error ? `not JSON at line ${row}, column ${error.column}: ${error.message}` : `not JSON at line ${row}` };
      });
    }
  }
  // A pretty-printed single object is JSON, just not one record per line.
  if (issues.total > 0 && isJson(text)) {
    throw new DatasetRejection("malformed", "malformed_json", `The file is one JSON object, not records: expected ${FORMAT_HELP}.`);
  }
  if (issues.total > 0 && records.length === 0) throw jsonLinesRejection(issues);
  return { records, issues };
}

export function jsonLinesRejection(issues: IssueCollector, otherProblems = 0): DatasetRejection {
  const more = otherProblems > 0 ? `, and ${describeIssueCount(otherProblems, "more problem")} in the other lines` : "";
  return new DatasetRejection(
    "malformed",
    "malformed_json",
    `The file is JSON lines with ${describeIssueCount(issues.total, "line")} that ${issues.total === 1 ? "is" : "are"} not JSON, first at line ${issues.issues[0]!.row}${more}.`,
    issues.issues,
    issues.total,
  );
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/**
 * RFC 4180 CSV: comma-separated, fields quoted with `"` may hold commas, newlines and `""` for a
 * quote; LF or CRLF line ends; blank lines are skipped. A record's row is the line it starts on.
 */
export function parseCsv(text: string): ParsedRecord[] {
  const syntaxIssues = new IssueCollector();
  const rows = splitCsv(text, syntaxIssues);
  const fieldCountIssues = new IssueCollector();
  const headerRow = rows.shift();
  if (!headerRow) return [];
  const header = headerRow.fields.map((name) => name.trim().toLowerCase());
  const missing = ["sentence", "label"].filter((name) => !header.includes(name));
  if (missing.length > 0) {
    throw new DatasetRejection(
      "malformed",
      "malformed_csv",
      `The CSV header must name the columns sentence and label; line ${headerRow.line} is ${JSON.stringify(headerRow.fields.join(","))}.`,
      [{ row: headerRow.line, field: "header", message: `missing column${missing.length > 1 ? "s" : ""} ${missing.join(" and ")}` }],
    );
  }
  const records: ParsedRecord[] = [];
  for (const { line, fields } of rows) {
    if (fields.length !== header.length) {
      fieldCountIssues.add({
        row: line,
        message: `expected ${header.length} fields like the header, found ${fields.length} (quote a sentence that contains commas)`,
      });
      continue;
    }
    const value: Record<string, string> = {};
    header.forEach((name, i) => {
      value[name] = fields[i]!;
    });
    records.push({ row: line, value });
  }
  const total = syntaxIssues.total + fieldCountIssues.total;
  if (total > 0) {
    const issues = [...syntaxIssues.issues, ...fieldCountIssues.issues];
    issues.sort((a, b) => (a.row ?? 0) - (b.row ?? 0));
    throw new DatasetRejection(
      "malformed",
      "malformed_csv",
      `The CSV file has ${describeIssueCount(total, "broken line")}, first at line ${issues[0]!.row}.`,
      issues,
      total,
    );
  }
  return records;
}

interface CsvRow {
  line: number;
  fields: string[];
}

function splitCsv(text: string, issues: IssueCollector): CsvRow[] {
  const rows: CsvRow[] = [];
  const n = text.length;
  let i = 0;
  let line = 1;
  while (i < n) {
    const rowLine = line;
    const fields: string[] = [];
    let isRowDone = false;
    while (!isRowDone) {
      let field: string;
      if (text.charCodeAt(i) === 34) {
        // Quoted field: runs to the next lone quote; "" is an escaped quote.
        const openedAt = line;
        i++;
        let value = "";
        let chunkStart = i;
        for (;;) {
          const q = text.indexOf('"', i);
          if (q === -1) {
            issues.add({ row: openedAt, message: `a quoted field opened at line ${openedAt} is never closed` });
            return rows;
          }
          line += countNewlines(text, i, q);
          if (text.charCodeAt(q + 1) === 34) {
            value += text.slice(chunkStart, q + 1);
            i = q + 2;
            chunkStart = i;
            continue;
          }
          value += text.slice(chunkStart, q);
          i = q + 1;
          break;
        }
        field = value;
        const c = text.charCodeAt(i);
        if (i < n && c !== 44 && c !== 10 && c !== 13) {
          issues.add({ row: line, message: `unexpected text after a closing quote at line ${line} (write "" for a quote inside a quoted field)` });
          const rest = nextDelimiter(text, i);
          field += text.slice(i, rest);
          i = rest;
        }
      } else {
        const end = nextDelimiter(text, i);
        field = text.slice(i, end);
        i = end;
      }
      fields.push(field);
      const c = text.charCodeAt(i);
      if (c === 44) {
        i++;
      } else {
        if (c === 13 && text.charCodeAt(i + 1) === 10) i += 2;
        else if (c === 10 || c === 13) i++;
        if (i <= n && (c === 10 || c === 13)) line++;
        isRowDone = true;
      }
    }
    const isBlank = fields.length === 1 && fields[0]!.trim() === "";
    if (!isBlank) rows.push({ line: rowLine, fields });
  }
  return rows;
}

function nextDelimiter(text: string, from: number): number {
  for (let i = from; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 44 || c === 10 || c === 13) return i;
  }
  return text.length;
}

function countNewlines(text: string, from: number, to: number): number {
  let count = 0;
  for (let i = text.indexOf("\n", from); i !== -1 && i < to; i = text.indexOf("\n", i + 1)) count++;
  return count;
}
