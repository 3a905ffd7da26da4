// A Postgres cluster and a Redis server of the test's own, on free ports, that the test may stop
// and start at will: fault tests restart them mid-job without touching the shared services that
// every other test (and other checkouts) use. Postgres runs as the `postgres` user when the test
// runs as root (initdb refuses root), exactly as scripts/services.sh runs it.
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { chownSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient, registerBaseModels, type Db } from "@loraboard/db/server";
import { freePort } from "./inference";

const ROOT = path.resolve(import.meta.dirname, "../..");
const isRoot = process.getuid?.() === 0;

function postgresBin(): string {
  const versions = existsSync("/usr/lib/postgresql") ? readdirSync("/usr/lib/postgresql").sort((a, b) => Number(a) - Number(b)) : [];
  const latest = versions.at(-1);
  if (!latest) throw new Error("PostgreSQL is not installed (no /usr/lib/postgresql/*/bin): run scripts/ensure-system.sh");
  return path.join("/usr/lib/postgresql", latest, "bin");
}

/** Runs a Postgres tool as `postgres` when we are root. */
function asPostgres(tool: string, args: string[]) {
  const command = path.join(postgresBin(), tool);
  return isRoot
    ? execFileSync("runuser", ["-u", "postgres", "--", command, ...args], { stdio: "pipe" })
    : execFileSync(command, args, { stdio: "pipe" });
}

export interface ThrowawayPostgres {
  /** postgresql:// URL of a migrated database with the base models registered. */
  url: string;
  /** A Prisma client of that database, the same kind the worker uses. */
  db: Db;
  /** `immediate` is a crash (no shutdown checkpoint); the cluster recovers from its WAL on start. */
  stop: (mode?: "fast" | "immediate") => void;
  start: () => void;
  destroy: () => Promise<void>;
}

export async function startThrowawayPostgres(): Promise<ThrowawayPostgres> {
  const baseDir = mkdtempSync(path.join(os.tmpdir(), "loraboard-pg-"));
  const dataDir = path.join(baseDir, "data");
  const socketDir = path.join(baseDir, "socket");
  mkdirSync(dataDir, { mode: 0o700 });
  mkdirSync(socketDir);
  if (isRoot) {
    execFileSync("chown", ["-R", "postgres:postgres", baseDir]);
  }
  const port = await freePort();
  const logFile = path.join(baseDir, "postgres.log");
  // fsync off: a throwaway cluster, and the machine's disk is shared with other work.
  asPostgres("initdb", ["-D", dataDir, "-U", "postgres", "--auth=trust", "--encoding=UTF8", "--locale=C.UTF-8", "--no-sync"]);
  const start = () => {
    asPostgres("pg_ctl", [
      "-D", dataDir, "-l", logFile, "-w", "-t", "60", "start",
      "-o", `-p ${port} -c listen_addresses=127.0.0.1 -k ${socketDir} -c fsync=off -c full_page_writes=off`,
    ]);
  };
  const stop = (mode: "fast" | "immediate" = "fast") => {
    asPostgres("pg_ctl", ["-D", dataDir, "-m", mode, "-w", "-t", "60", "stop"]);
  };
  start();
  const adminUrl = `postgresql://postgres@127.0.0.1:${port}/postgres`;
  execFileSync(path.join(postgresBin(), "psql"), [adminUrl, "-qc", "CREATE DATABASE loraboard_fault_test"], { stdio: "pipe" });
  const url = `postgresql://postgres@127.0.0.1:${port}/loraboard_fault_test`;
  execFileSync("npx", ["prisma", "migrate", "deploy"], { cwd: ROOT, stdio: "pipe", env: { ...process.env, DATABASE_URL: url } });
  const db = new PrismaClient({ adapter: new PrismaPg({ connectionString: url, max: 10 }) });
  await registerBaseModels(db, process.env.DATA_DIR ?? "");
  return {
    url,
    db,
    stop,
    start,
    async destroy() {
      await db.$disconnect().catch(() => undefined);
      try {
        stop("immediate");
      } catch {
        // already stopped
      }
      rmSync(baseDir, { recursive: true, force: true });
    },
  };
}

export interface ThrowawayRedis {
  url: string;
  port: number;
  /** SIGKILL: a crash. With `persistent`, what reached the append-only file comes back on start. */
  kill: () => Promise<void>;
  start: () => Promise<void>;
  destroy: () => Promise<void>;
}

/** `persistent` mirrors scripts/services.sh (append-only file); otherwise a restart starts empty. */
export async function startThrowawayRedis(options: { persistent?: boolean } = {}): Promise<ThrowawayRedis> {
  const dir = mkdtempSync(path.join(os.tmpdir(), "loraboard-redis-"));
  if (isRoot) chownSync(dir, 0, 0);
  const port = await freePort();
  let child: ChildProcess | null = null;
  const isUp = () => {
    try {
      return execFileSync("redis-cli", ["-p", String(port), "ping"], { stdio: "pipe" }).toString().includes("PONG");
    } catch {
      return false;
    }
  };
  const start = async () => {
    if (child) throw new Error("redis already started");
    child = spawn(
      "redis-server",
      ["--port", String(port), "--bind", "127.0.0.1", "--dir", dir, "--save", "", "--appendonly", options.persistent ? "yes" : "no"],
      { stdio: "ignore" },
    );
    for (let i = 0; i < 100 && !isUp(); i++) await new Promise((resolve) => setTimeout(resolve, 100));
    if (!isUp()) throw new Error(`redis-server did not start on port ${port}`);
  };
  const kill = async () => {
    const running = child;
    child = null;
    if (!running || running.exitCode !== null) return;
    const exited = new Promise((resolve) => running.once("exit", resolve));
    running.kill("SIGKILL");
    await exited;
  };
  await start();
  return {
    url: `redis://127.0.0.1:${port}/0`,
    port,
    kill,
    start,
    async destroy() {
      await kill();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
