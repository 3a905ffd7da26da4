// Signing in with email and password: each attempt takes its place in the per-address and
// per-email counts before better-auth checks the password (so a burst cannot outrun the limit),
// and is answered with better-auth's session cookie.
import type { ChangePasswordBody, SignInBody, SessionInfo } from "@loraboard/contracts";
import { ApiError } from "@/server/api-error";
import { getAuth } from "@/server/auth/better-auth";
import { clientAddress } from "@/server/auth/client-address";
import { reserveLoginAttempt } from "@/server/auth/login-rate-limit";
import { authErrorCode, isAuthApiError } from "./auth-errors";
import { getUser } from "./users";

export async function signIn(request: Request, body: SignInBody): Promise<{ session: SessionInfo; setCookies: string[] }> {
  const { attempt, wait } = await reserveLoginAttempt(clientAddress(request), body.email);
  if (!attempt) throw new TooManyAttempts(wait);
  let isWrongPassword = false;
  try {
    const { headers, response } = await getAuth(request).api.signInEmail({
      body: { email: body.email, password: body.password, rememberMe: true },
      headers: request.headers,
      returnHeaders: true,
    });
    const user = await getUser(response.user.id);
    return { session: { kind: "session", role: user.role, user }, setCookies: headers.getSetCookie() };
  } catch (error) {
    if (!isAuthApiError(error)) throw error;
    const code = authErrorCode(error);
    if (code === "BANNED_USER") throw new ApiError(403, "account_disabled", "This account is disabled; ask an admin.");
    if (error.statusCode === 401 || code === "INVALID_EMAIL" || code === "INVALID_EMAIL_OR_PASSWORD") {
      isWrongPassword = true;
      throw new ApiError(401, "invalid_credentials", "Wrong email or password.");
    }
    throw error;
  } finally {
    // Only wrong passwords keep their place in the counts.
    if (!isWrongPassword) await attempt.release();
  }
}

export class TooManyAttempts extends ApiError {
  constructor(readonly retryAfterSeconds: number) {
    super(429, "too_many_attempts", `Too many failed sign-ins; try again in ${Math.ceil(retryAfterSeconds / 60)} minute(s).`);
  }
}

/** Changes the caller's own password; their other sessions end, this one gets a fresh cookie. */
export async function changeOwnPassword(request: Request, body: ChangePasswordBody): Promise<string[]> {
  try {
    const { headers } = await getAuth(request).api.changePassword({
      body: { currentPassword: body.currentPassword, newPassword: body.newPassword, revokeOtherSessions: true },
      headers: request.headers,
      returnHeaders: true,
    });
    return headers.getSetCookie();
  } catch (error) {
    if (isAuthApiError(error) && authErrorCode(error) === "INVALID_PASSWORD") {
      throw new ApiError(422, "wrong_password", "The current password is not right.", [{ field: "currentPassword", message: "not your current password" }]);
    }
    throw error;
  }
}

/** Deletes the session row and clears the cookie. */
export async function signOut(request: Request): Promise<string[]> {
  const { headers } = await getAuth(request).api.signOut({ headers: request.headers, returnHeaders: true });
  return headers.getSetCookie();
}
