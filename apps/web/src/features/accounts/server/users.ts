// Accounts: created through better-auth (it hashes the password and links the credential);
// roles and barring are plain columns an admin changes here, because the bootstrap API_TOKEN
// acting as an admin has no better-auth session for its admin endpoints to check.
import type { CreateUserBody, UpdateUserBody, UserSummary } from "@loraboard/contracts";
import { getDb } from "@loraboard/db/server";
import { getRedis } from "@loraboard/queue/server";
import { ApiError } from "@/server/api-error";
import { getServerAuth } from "@/server/auth/better-auth";
import { toApiError } from "./auth-errors";

type UserRow = { id: string; name: string; email: string; role: "admin" | "member"; banned: boolean; createdAt: Date };

export function toUserSummary(row: UserRow): UserSummary {
  return { id: row.id, name: row.name, email: row.email, role: row.role, banned: row.banned, createdAt: row.createdAt.toISOString() };
}

export async function listUsers(): Promise<UserSummary[]> {
  const rows = await getDb().user.findMany({ orderBy: { createdAt: "asc" } });
  return rows.map(toUserSummary);
}

export async function getUser(id: string): Promise<UserSummary> {
  const row = await getDb().user.findUnique({ where: { id } });
  if (!row) throw new ApiError(404, "not_found", `No user ${id}.`);
  return toUserSummary(row);
}

export async function createUser(body: CreateUserBody): Promise<UserSummary> {
  try {
    // No headers: a trusted server-side call (the route already checked that an admin asked).
    const { user } = await getServerAuth().api.createUser({
      body: { email: body.email, password: body.password, name: body.name, role: body.role },
    });
    return getUser(user.id);
  } catch (error) {
    throw toApiError(error);
  }
}

export async function countUsers(): Promise<number> {
  return getDb().user.count();
}

const SETUP_LOCK = "loraboard:first-admin-setup";

/** The one-time setup: the first account, an admin, only while there is none. */
export async function createFirstAdmin(body: { name: string; email: string; password: string }): Promise<UserSummary> {
  // Two setup forms submitted at once must not make two admins: one holds the lock, the other
  // finds the account it made.
  const redis = getRedis();
  if ((await redis.set(SETUP_LOCK, "1", "EX", 30, "NX")) !== "OK") {
    throw new ApiError(409, "setup_in_progress", "Another setup is running right now; reload in a moment and sign in.");
  }
  try {
    if ((await countUsers()) > 0) {
      throw new ApiError(409, "setup_done", "Setup is done: an account already exists. Sign in, or ask an admin for an account.");
    }
    return await createUser({ ...body, role: "admin" });
  } finally {
    await redis.del(SETUP_LOCK);
  }
}

/** Refuses a change that would leave no admin able to sign in. */
async function assertAnotherAdminRemains(userId: string): Promise<void> {
  const others = await getDb().user.count({ where: { role: "admin", banned: false, id: { not: userId } } });
  if (others === 0) throw new ApiError(409, "last_admin", "This is the last admin: make someone else an admin first.");
}

export async function updateUser(id: string, body: UpdateUserBody): Promise<UserSummary> {
  const db = getDb();
  const current = await getUser(id);
  const losesAdmin = current.role === "admin" && !current.banned && (body.role === "member" || body.banned === true);
  if (losesAdmin) await assertAnotherAdminRemains(id);
  if (body.password !== undefined) await setPassword(id, body.password);
  const row = await db.user.update({
    where: { id },
    data: {
      ...(body.role !== undefined ? { role: body.role } : {}),
      ...(body.name !== undefined ? { name: body.name } : {}),
      ...(body.banned !== undefined ? { banned: body.banned, banReason: body.banned ? "Disabled by an admin" : null } : {}),
    },
  });
  // A barred person, or one whose password an admin reset, is signed out everywhere at once
  // (a barred person's tokens stop working on their next call).
  if (body.banned || body.password !== undefined) await db.session.deleteMany({ where: { userId: id } });
  return toUserSummary(row);
}

/** Hashes with better-auth's own password hasher (scrypt), as signing in will verify it. */
async function setPassword(userId: string, password: string): Promise<void> {
  const context = await getServerAuth().$context;
  const hash = await context.password.hash(password);
  const { count } = await getDb().account.updateMany({ where: { userId, providerId: "credential" }, data: { password: hash } });
  if (count === 0) await context.internalAdapter.linkAccount({ providerId: "credential", accountId: userId, userId, password: hash });
}

export async function deleteUser(id: string): Promise<void> {
  const current = await getUser(id);
  if (current.role === "admin" && !current.banned) await assertAnotherAdminRemains(id);
  // Sessions, the password hash and API tokens go with the account (onDelete: Cascade).
  await getDb().user.delete({ where: { id } });
}
