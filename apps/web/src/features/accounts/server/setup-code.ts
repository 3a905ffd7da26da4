// The one-time setup makes whoever submits it first the admin. At the server's own keyboard
// (localhost) that is the operator; from anywhere else it needs the setup code, which only the
// operator can read: it is printed in the server's console when it starts with no account (as
// Jupyter and Grafana do) and kept in $DATA_DIR/setup-code (mode 0600), so every web process of
// one install shares it and a restart does not change it. The file goes once setup is done.
import { randomInt, timingSafeEqual } from "node:crypto";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { getWebEnv } from "@/server/env";

// No 0/O or 1/I/L: it is read off a terminal and typed. 12 of 31 symbols: about 59 bits.
const ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ";
const GROUPS = 3;
const GROUP_LENGTH = 4;

const setupCodeFile = () => path.join(getWebEnv().DATA_DIR, "setup-code");

function newCode(): string {
  const groups = Array.from({ length: GROUPS }, () =>
    Array.from({ length: GROUP_LENGTH }, () => ALPHABET[randomInt(ALPHABET.length)]).join(""),
  );
  return groups.join("-");
}

/** The install's setup code, made on first use. */
export function getSetupCode(): string {
  const file = setupCodeFile();
  try {
    return readFileSync(file, "utf8").trim();
  } catch {
    mkdirSync(path.dirname(file), { recursive: true });
    try {
      // "wx": when two processes start at once, only one writes; the other reads its code.
      writeFileSync(file, newCode(), { flag: "wx", mode: 0o600 });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
    return readFileSync(file, "utf8").trim();
  }
}

/** Case, spaces and dashes do not matter; compared in constant time. */
export function isSetupCode(given: string | undefined): boolean {
  if (!given) return false;
  const canonical = (code: string) => Buffer.from(code.toUpperCase().replace(/[\s-]/g, ""));
  const expected = canonical(getSetupCode());
  const actual = canonical(given);
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

export function forgetSetupCode(): void {
  rmSync(setupCodeFile(), { force: true });
}

export function setupCodeBanner(code: string): string {
  return [
    "",
    "  No account exists yet: open the dashboard to create the admin.",
    "  From this machine (localhost) no code is needed; from anywhere else, enter the setup code:",
    "",
    `      ${code}`,
    "",
  ].join("\n");
}

/** At server start: prints the setup code unless an account exists (the console is the operator's). */
export async function announceSetupCode(countAccounts: () => Promise<number>): Promise<void> {
  let accounts: number | null = null;
  try {
    accounts = await countAccounts();
  } catch (error) {
    // The database may still be starting: print the code anyway, it only opens an empty install.
    console.warn(`[setup] could not count accounts at start: ${(error as Error).message}`);
  }
  try {
    if (accounts !== null && accounts > 0) return forgetSetupCode();
    console.log(setupCodeBanner(getSetupCode()));
  } catch (error) {
    console.error(`[setup] could not make the setup code in ${setupCodeFile()}: ${(error as Error).message}`);
  }
}
