// Why an upload is refused: `malformed` (not readable as the format: HTTP 400) or `invalid`
// (readable but breaks a rule: HTTP 422). Issues are capped; `total` counts them all.
import type { DatasetIssue } from "./types";

export const MAX_LISTED_ISSUES = 100;

export type RejectionKind = "malformed" | "invalid";

export class DatasetRejection extends Error {
  readonly issues: DatasetIssue[];
  readonly total: number;

  constructor(
    readonly kind: RejectionKind,
    readonly code: string,
    message: string,
    issues: DatasetIssue[] = [],
    total = issues.length,
  ) {
    super(message);
    this.issues = issues.slice(0, MAX_LISTED_ISSUES);
    this.total = Math.max(total, issues.length);
  }
}

/** "3 problems" / "1 problem", plus which part of the list is shown when capped. */
export function describeIssueCount(total: number, noun = "problem"): string {
  const counted = `${total.toLocaleString("en-US")} ${noun}${total === 1 ? "" : "s"}`;
  return total > MAX_LISTED_ISSUES ? `${counted} (the first ${MAX_LISTED_ISSUES} are listed)` : counted;
}

/** Prefixes issues of the separate test file so a person knows which file a row number is in. */
export function inFile(issues: DatasetIssue[], fileLabel: string | undefined): DatasetIssue[] {
  if (!fileLabel) return issues;
  return issues.map((issue) => ({ ...issue, message: `${fileLabel}: ${issue.message}` }));
}

/** Keeps the first `cap` issues and counts them all, so a file broken on every line stays cheap. */
export class IssueCollector {
  readonly issues: DatasetIssue[] = [];
  total = 0;

  constructor(private readonly cap = MAX_LISTED_ISSUES) {}

  /** Pass a function when building the message costs something; it only runs for kept issues. */
  add(issue: DatasetIssue | (() => DatasetIssue)) {
    this.total++;
    if (this.issues.length < this.cap) this.issues.push(typeof issue === "function" ? issue() : issue);
  }
}
