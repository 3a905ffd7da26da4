// "Token use by admins": every request that can change something (any method but GET, HEAD,
// OPTIONS) made with the bootstrap API_TOKEN or an admin's personal API token is logged, whatever
// its answer. Those credentials live in scripts and CI, where a leak is likelier than a browser's;
// an admin's own clicks (a session) are logged by the actions themselves.
import { getDb } from "@loraboard/db/server";
import type { Principal } from "../auth/authenticate";
import { recordAudit } from "./audit-log";

export function isAdminTokenChange(principal: Principal | null, method: string): principal is Principal {
  if (!principal || ["GET", "HEAD", "OPTIONS"].includes(method.toUpperCase())) return false;
  return principal.kind === "bootstrap" || (principal.kind === "token" && principal.role === "admin");
}

export async function recordAdminTokenUse(request: Request, principal: Principal, status: number): Promise<void> {
  const { pathname } = new URL(request.url);
  try {
    await recordAudit(getDb(), principal, {
      action: "api.request",
      targetType: "route",
      targetId: `${request.method.toUpperCase()} ${pathname}`,
      details: { status },
    });
  } catch (error) {
    // The change is made already; a log row that could not be written must not turn it into a 500.
    console.error(`[audit] could not record ${request.method} ${pathname}: ${(error as Error).message}`);
  }
}
