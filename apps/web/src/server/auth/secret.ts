// The secret that signs session cookies. AUTH_SECRET from the environment when set; otherwise a
// random one generated on first start and kept in DATA_DIR (mode 0600), so `npm run up` works
// with no setup and sessions survive restarts. The value is never logged.
import { randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { getWebEnv } from "../env";

let cached: string | undefined;

export function getAuthSecret(): string {
  if (cached) return cached;
  const env = getWebEnv();
  if (env.AUTH_SECRET) return (cached = env.AUTH_SECRET);
  const file = path.join(env.DATA_DIR, "auth-secret");
  try {
    cached = readFileSync(file, "utf8").trim();
  } catch {
    mkdirSync(env.DATA_DIR, { recursive: true });
    try {
      // "wx": when two processes start at once, only one writes; the other reads its secret.
      writeFileSync(file, randomBytes(32).toString("base64url"), { flag: "wx", mode: 0o600 });
      console.warn(`[auth] AUTH_SECRET is not set: generated one in ${file}`);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
    cached = readFileSync(file, "utf8").trim();
  }
  return cached;
}
