// Browser sign-in with the API token: sets an httpOnly, SameSite=Strict cookie derived from it.
import { z } from "zod";
import { apiRoute, readJson } from "@/server/api-route";
import { ApiError } from "@/server/api-error";
import { SESSION_COOKIE, isValidToken, sessionValueFor } from "@/server/auth";

export const dynamic = "force-dynamic";

const SignInBody = z.object({ token: z.string().min(1, "Enter the API token.").max(4096) });

function sessionCookie(value: string, maxAgeSeconds: number, request: Request): string {
  const isHttps = new URL(request.url).protocol === "https:";
  return [
    `${SESSION_COOKIE}=${value}`,
    "Path=/",
    "HttpOnly",
    "SameSite=Strict",
    `Max-Age=${maxAgeSeconds}`,
    ...(isHttps ? ["Secure"] : []),
  ].join("; ");
}

export const POST = apiRoute(
  async (request) => {
    const { token } = SignInBody.parse(await readJson(request));
    if (!isValidToken(token)) {
      throw new ApiError(401, "invalid_token", "That token is not this server's API_TOKEN.");
    }
    return new Response(null, {
      status: 204,
      headers: { "set-cookie": sessionCookie(sessionValueFor(token), 60 * 60 * 24 * 30, request) },
    });
  },
  { isPublic: true },
);

export const DELETE = apiRoute(
  async (request) => new Response(null, { status: 204, headers: { "set-cookie": sessionCookie("", 0, request) } }),
  { isPublic: true },
);
