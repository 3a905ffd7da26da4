import { ApiError } from "@/server/api-error";
import type { Principal } from "@/server/auth/authenticate";

/** The caller's account id; the bootstrap API_TOKEN is not an account and owns no tokens. */
export function accountOf(principal: Principal | null): string {
  if (!principal?.userId) {
    throw new ApiError(409, "not_an_account", "The bootstrap API_TOKEN is not an account: create a user, sign in as them and make tokens there.");
  }
  return principal.userId;
}

/**
 * Creating credentials needs a signed-in session (or the bootstrap API_TOKEN, which owns none):
 * a personal token that could make tokens would let whoever leaked it keep access after it is
 * revoked.
 */
export function refuseTokenCaller(principal: Principal | null): void {
  if (principal?.kind === "token") {
    throw new ApiError(403, "session_required", "API tokens cannot create API tokens: sign in to the dashboard (API tokens page) to make one.");
  }
}
