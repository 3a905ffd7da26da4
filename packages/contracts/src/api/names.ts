// Names people type (datasets, jobs, accounts, tokens) are shown back to everyone: control
// characters, bidirectional overrides and zero-width marks are removed and whitespace collapsed,
// so a name cannot break a log line, a CSV row or how the page reads.
import { z } from "zod";

// C0/C1 controls, bidi embeddings/overrides/isolates, zero-width spaces and joiners, BOM.
const UNSAFE_CHARACTERS = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/g;

export function sanitizeName(raw: string): string {
  return raw.replace(UNSAFE_CHARACTERS, " ").replace(/\s+/g, " ").trim();
}

/** A person-given name: sanitised, then 1..max characters. */
export function nameField(label: string, max: number) {
  return z
    .string({ error: `${label} must be text` })
    .transform(sanitizeName)
    .pipe(z.string().min(1, `${label} must not be empty`).max(max, `${label} must be at most ${max} characters`));
}
