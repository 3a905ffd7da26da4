// Query strings through zod: empty values count as absent, so `?split=` means "any split".
import type { z } from "zod";

export function parseQuery<T extends z.ZodType>(request: Request, schema: T): z.infer<T> {
  const entries = [...new URL(request.url).searchParams].filter(([, value]) => value !== "");
  return schema.parse(Object.fromEntries(entries));
}
