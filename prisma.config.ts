// Prisma CLI configuration. The CLI runs with the JS engine through the pg driver adapter, so no
// native engine is downloaded (these machines reach only the package registries).
import { PrismaPg } from "@prisma/adapter-pg";
import type { PrismaConfig } from "prisma";

const databaseUrl = process.env.DATABASE_URL;
if (!databaseUrl) {
  throw new Error("DATABASE_URL is not set: expected a postgresql:// URL (see .env.example)");
}

export default {
  experimental: { adapter: true },
  engine: "js",
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  adapter: async () => new PrismaPg({ connectionString: databaseUrl }),
} satisfies PrismaConfig;
