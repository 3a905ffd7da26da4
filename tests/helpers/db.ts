// Shared helpers for integration tests: truncate everything, re-register base models.
import { getDb } from "@loraboard/db/server";
import { registerBaseModels } from "@loraboard/db/server";

export async function resetDatabase() {
  const db = getDb();
  const tables = await db.$queryRaw<{ tablename: string }[]>`
    SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> '_prisma_migrations'`;
  if (tables.length > 0) {
    await db.$executeRawUnsafe(`TRUNCATE ${tables.map((t) => `"${t.tablename}"`).join(", ")} RESTART IDENTITY CASCADE`);
  }
  await registerBaseModels(db, process.env.DATA_DIR ?? "");
}
