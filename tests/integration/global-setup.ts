// Once per run: the test database is emptied and migrated from scratch, the test Redis index is
// flushed. Refuses to touch a database whose name does not end in _test.
import { execFileSync } from "node:child_process";
import pg from "pg";
import { Redis } from "ioredis";

export default async function globalSetup() {
  const databaseUrl = process.env.DATABASE_URL ?? "";
  const databaseName = new URL(databaseUrl).pathname.slice(1);
  if (!databaseName.endsWith("_test")) {
    throw new Error(`Integration tests need a *_test database; DATABASE_URL names "${databaseName}". Run them through npm test.`);
  }
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  await client.query("DROP SCHEMA IF EXISTS public CASCADE; CREATE SCHEMA public;");
  await client.end();
  execFileSync("npx", ["prisma", "migrate", "deploy"], { stdio: "pipe", env: process.env });

  const redis = new Redis(process.env.REDIS_URL ?? "");
  await redis.flushdb();
  await redis.quit();
}
