// Text that Postgres and Prisma cannot store. Postgres `text` and `jsonb` refuse NUL, and Prisma
// cannot send a lone UTF-16 surrogate (what a JSON "\ud800" escape without its pair decodes to).
// Both come from hostile or mis-encoded input; they are refused at the boundary with a reason,
// instead of failing deep in a query as a 500.

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/** Why `text` cannot be stored, or null when it can. */
export function whyTextIsUnstorable(text: string): string | null {
  if (text.includes("\u0000")) return "contains a NUL character";
  if (LONE_SURROGATE.test(text)) return "contains a lone UTF-16 surrogate (a \\ud800-\\udfff escape without its pair), which is not text";
  return null;
}

/** The first string (or object key) anywhere in `value` that cannot be stored, with its path. */
export function findUnstorableText(value: unknown, path: (string | number)[] = []): { path: (string | number)[]; reason: string } | null {
  if (typeof value === "string") {
    const reason = whyTextIsUnstorable(value);
    return reason ? { path, reason } : null;
  }
  if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) {
      const found = findUnstorableText(item, [...path, index]);
      if (found) return found;
    }
    return null;
  }
  if (value !== null && typeof value === "object") {
    for (const [key, item] of Object.entries(value)) {
      const keyReason = whyTextIsUnstorable(key);
      if (keyReason) return { path: [...path, key], reason: `its name ${keyReason}` };
      const found = findUnstorableText(item, [...path, key]);
      if (found) return found;
    }
  }
  return null;
}
