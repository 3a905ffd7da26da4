import path from "node:path";
import { fileURLToPath } from "node:url";
import type { NextConfig } from "next";
import { HSTS_HEADER, securityHeaders } from "./src/server/security-headers";

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

const nextConfig: NextConfig = {
  // Workspace packages ship TypeScript sources; Next compiles them with the app.
  transpilePackages: ["@loraboard/contracts", "@loraboard/domain", "@loraboard/db", "@loraboard/queue"],
  serverExternalPackages: ["bullmq", "ioredis", "pg", "@prisma/adapter-pg"],
  turbopack: { root: repoRoot },
  outputFileTracingRoot: repoRoot,
  poweredByHeader: false,
  typedRoutes: false,
  async headers() {
    const isDev = process.env.NODE_ENV === "development";
    return [
      { source: "/:path*", headers: securityHeaders(isDev) },
      { source: "/:path*", has: [{ type: "header", key: "x-forwarded-proto", value: "https" }], headers: [HSTS_HEADER] },
    ];
  },
};

export default nextConfig;
