// Accounts are better-auth's: email and password (scrypt hashes), sessions stored in Postgres
// through its Prisma adapter, roles through its admin plugin. Routes call it server-side
// (auth.api.*) from our own /api handlers, so every request still goes through apiRoute's
// policy, CSRF check, rate limits and error shape; better-auth's own HTTP handler is not mounted.
import { betterAuth } from "better-auth";
import { prismaAdapter } from "better-auth/adapters/prisma";
import { admin } from "better-auth/plugins/admin";
import { adminAc, userAc } from "better-auth/plugins/admin/access";
import { getDb } from "@loraboard/db/server";
import { getAuthSecret } from "./secret";

export const USER_ROLES = ["admin", "member"] as const;
export type UserRole = (typeof USER_ROLES)[number];

export const SESSION_COOKIE_PREFIX = "loraboard";
/** The session cookie's name: on https it carries the __Secure- prefix (and the Secure flag). */
export const SESSION_COOKIE_NAMES = [`__Secure-${SESSION_COOKIE_PREFIX}.session_token`, `${SESSION_COOKIE_PREFIX}.session_token`];

export const MIN_PASSWORD_LENGTH = 10;
export const MAX_PASSWORD_LENGTH = 256;
const SESSION_DAYS = 7;

function createAuth(isSecure: boolean) {
  return betterAuth({
    appName: "loraboard",
    secret: getAuthSecret(),
    database: prismaAdapter(getDb(), { provider: "postgresql" }),
    emailAndPassword: {
      enabled: true,
      // Accounts are created by an admin (or the one-time setup), never by signing up.
      disableSignUp: true,
      minPasswordLength: MIN_PASSWORD_LENGTH,
      maxPasswordLength: MAX_PASSWORD_LENGTH,
    },
    session: {
      expiresIn: 60 * 60 * 24 * SESSION_DAYS,
      // Sliding: a session used in its last 6 days is extended, so active people stay signed in.
      updateAge: 60 * 60 * 24,
      // No cookie cache: every request reads the session row, so sign-out, revocation and a
      // role change take effect at once.
      cookieCache: { enabled: false },
    },
    plugins: [
      admin({
        defaultRole: "member",
        adminRoles: ["admin"],
        roles: { admin: adminAc, member: userAc },
      }),
    ],
    advanced: {
      cookiePrefix: SESSION_COOKIE_PREFIX,
      useSecureCookies: isSecure,
      // Lax (not Strict) so a link to the dashboard from elsewhere opens signed in; mutations are
      // guarded by the Origin/Sec-Fetch-Site check in apiRoute, not by SameSite alone.
      defaultCookieAttributes: { httpOnly: true, sameSite: "lax", secure: isSecure, path: "/" },
    },
    // better-auth would otherwise report usage over the network.
    telemetry: { enabled: false },
    logger: { level: "error" },
  });
}

export type Auth = ReturnType<typeof createAuth>;

const globalForAuth = globalThis as unknown as { loraboardAuth?: { secure?: Auth; plain?: Auth } };

/** The instance whose cookies match how this request arrived (Secure cookies only over https). */
export function getAuth(request: Request): Auth {
  const instances = (globalForAuth.loraboardAuth ??= {});
  if (isHttps(request)) return (instances.secure ??= createAuth(true));
  return (instances.plain ??= createAuth(false));
}

/** Server-side calls with no request (the setup command): cookies are not involved. */
export function getServerAuth(): Auth {
  const instances = (globalForAuth.loraboardAuth ??= {});
  return (instances.plain ??= createAuth(false));
}

/** https directly, or behind a TLS-terminating proxy that says so. */
export function isHttps(request: Request): boolean {
  const forwarded = request.headers.get("x-forwarded-proto")?.split(",")[0]?.trim().toLowerCase();
  return forwarded ? forwarded === "https" : new URL(request.url).protocol === "https:";
}
