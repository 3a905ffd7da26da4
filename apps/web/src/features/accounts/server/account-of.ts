import { ApiError } from "@/server/api-error";
import type { Principal } from "@/server/auth/authenticate";

/** The caller's account id; the bootstrap API_TOKEN is not an account and owns no tokens. */
export function accountOf(principal: Principal | null): string {
  if (!principal?.userId) {
    throw new ApiError(409, "not_an_account", "The bootstrap API_TOKEN is not an account: create a user, sign in as them and make tokens there.");
  }
  return principal.userId;
}
