// better-auth reports refusals as its APIError (status name, HTTP code, body.code); turn the ones
// our routes expect into the API's error shape.
import { isAPIError, type APIError } from "better-auth/api";
import { ApiError } from "@/server/api-error";

export function isAuthApiError(error: unknown): error is APIError {
  return isAPIError(error);
}

/** The better-auth code of a refusal (INVALID_EMAIL_OR_PASSWORD, BANNED_USER, ...). */
export function authErrorCode(error: APIError): string {
  const body = error.body as { code?: unknown } | undefined;
  return typeof body?.code === "string" ? body.code : String(error.status);
}

export function toApiError(error: unknown): unknown {
  if (!isAuthApiError(error)) return error;
  const code = authErrorCode(error);
  if (/ALREADY_EXISTS/.test(code)) return new ApiError(409, "email_taken", "An account with this email already exists.");
  if (/PASSWORD_TOO_(SHORT|LONG)/.test(code)) return new ApiError(422, "invalid_password", error.message);
  if (code === "INVALID_EMAIL") return new ApiError(422, "invalid_email", "Enter an email address such as ada@example.com.");
  const status = error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 500;
  return status === 500 ? error : new ApiError(status, code.toLowerCase().replace(/[^a-z0-9_]/g, "_"), error.message);
}
