// The Prisma client, created once per process. Server-only: browser code never imports this path.
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "./generated/client";

export * from "./generated/client";

function createPrismaClient(databaseUrl: string) {
  // Prisma's JS engine talks to Postgres through node-postgres; no native engine is needed.
  return new PrismaClient({ adapter: new PrismaPg({ connectionString: databaseUrl, max: 10 }) });
}

export type Db = ReturnType<typeof createPrismaClient>;

// Next.js dev mode reloads modules; keeping the client on globalThis avoids a pool per reload.
const globalForDb = globalThis as unknown as { loraboardDb?: Db };

export function getDb(): Db {
  if (!globalForDb.loraboardDb) {
    const databaseUrl = process.env.DATABASE_URL;
    if (!databaseUrl) throw new Error("Setting DATABASE_URL is missing: expected a postgresql:// URL");
    globalForDb.loraboardDb = createPrismaClient(databaseUrl);
  }
  return globalForDb.loraboardDb;
}

/** True when Postgres answers a trivial query within the timeout. */
export async function isDatabaseUp(timeoutMs = 2000): Promise<boolean> {
  try {
    await Promise.race([
      getDb().$queryRaw`SELECT 1`,
      new Promise((_, reject) => setTimeout(() => reject(new Error("timeout")), timeoutMs)),
    ]);
    return true;
  } catch {
    return false;
  }
}

export * from "./base-models";
