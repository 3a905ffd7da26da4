// CSV fields for the predictions export. Sentences and model outputs are text anyone could have
// written (an uploaded dataset, a model's answer): a spreadsheet that opens the file runs a cell
// starting with `=`, `+`, `-` or `@` (or a tab or carriage return before one) as a formula, which
// can fetch URLs or run commands (CSV injection). Following OWASP's guidance, such a text cell gets
// a single quote in front, so it is shown as the text it is, and is always quoted.

// The ASCII triggers OWASP lists, plus their full-width forms, which some spreadsheets with East
// Asian input settings also read as formula starts (the demo datasets are Chinese).
const FORMULA_START = /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/;

/** Text a spreadsheet will show as text: a formula-like start is prefixed with a single quote. */
export function neutraliseFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** One CSV field (RFC 4180 quoting). Numbers and nulls are ours; only text is neutralised. */
export function csvField(value: string | number | null): string {
  if (value === null) return "";
  if (typeof value === "number") return String(value);
  const text = neutraliseFormula(value);
  return text !== value || /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvLine(values: (string | number | null)[]): string {
  return values.map(csvField).join(",");
}
