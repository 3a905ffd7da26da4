import path from "node:path";
import { fileURLToPath } from "node:url";
import type { NextConfig } from "next";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

const nextConfig: NextConfig = {
  // Workspace packages ship TypeScript sources; Next compiles them with the app.
  transpilePackages: ["@loraboard/contracts", "@loraboard/domain", "@loraboard/db", "@loraboard/queue"],
  serverExternalPackages: ["bullmq", "ioredis", "pg", "@prisma/adapter-pg"],
  turbopack: { root: repoRoot },
  outputFileTracingRoot: repoRoot,
  poweredByHeader: false,
  typedRoutes: false,
};

export default nextConfig;
