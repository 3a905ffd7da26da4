// Accounts: created through better-auth (it hashes the password and links the credential);
// roles and barring are plain columns an admin changes here, because the bootstrap API_TOKEN
// acting as an admin has no better-auth session for its admin endpoints to check.
import type { CreateUserBody, SetupBody, UpdateUserBody, UserSummary } from "@loraboard/contracts";
import { getDb, type Prisma } from "@loraboard/db/server";
import { getRedis } from "@loraboard/queue/server";
import { ApiError } from "@/server/api-error";
import { getServerAuth } from "@/server/auth/better-auth";
import { toApiError } from "./auth-errors";
import { forgetSetupCode, isSetupCode } from "./setup-code";

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

/** The one-time setup: the first account, an admin, only while there is none; from anywhere but
 * the server's own machine (`isLocal`), only with the setup code (setup-code.ts). */
export async function createFirstAdmin(body: SetupBody, isLocal: boolean): Promise<UserSummary> {
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
    if (!isLocal && !isSetupCode(body.setupCode)) {
      throw new ApiError(
        403,
        body.setupCode ? "wrong_setup_code" : "setup_code_required",
        `${body.setupCode ? "That is not the setup code" : "The setup code is needed"}: from anywhere but the server's own machine, enter the code the dashboard printed in its console when it started (also in DATA_DIR/setup-code).`,
        [{ field: "setupCode", message: body.setupCode ? "not the setup code" : "enter the setup code" }],
      );
    }
    const admin = await createUser({ name: body.name, email: body.email, password: body.password, role: "admin" });
    forgetSetupCode();
    return admin;
  } finally {
    await redis.del(SETUP_LOCK);
  }
}

// Any change that may take an admin away (a role change, barring, deleting) runs one at a time:
// it takes a transaction-scoped advisory lock, then reads the account and counts the other active
// admins inside that transaction, and commits the change before the lock is let go. Checked
// outside a lock, two admins demoting each other at once each saw the other still an admin and
// both went through, leaving none.
const ADMINS_LOCK_KEY = 0x4c6f5241; // "LoRA": any fixed number this lock alone uses

async function withAdminsLocked<T>(work: (tx: Prisma.TransactionClient) => Promise<T>): Promise<T> {
  return getDb().$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(${ADMINS_LOCK_KEY})`;
    return work(tx);
  });
}

/** Refuses a change that takes `id`'s admin rights away (`takesAdmin`) if it is the last active
 * admin; call it with the admins lock held. */
async function assertAnotherAdminRemains(tx: Prisma.TransactionClient, id: string, takesAdmin: boolean): Promise<void> {
  const current = await tx.user.findUnique({ where: { id } });
  if (!current) throw new ApiError(404, "not_found", `No user ${id}.`);
  if (current.role === "admin" && !current.banned && takesAdmin) {
    const others = await tx.user.count({ where: { role: "admin", banned: false, id: { not: id } } });
    if (others === 0) throw new ApiError(409, "last_admin", "This is the last admin: make someone else an admin first.");
  }
}

export async function updateUser(id: string, body: UpdateUserBody): Promise<UserSummary> {
  const db = getDb();
  const row = await withAdminsLocked(async (tx) => {
    await assertAnotherAdminRemains(tx, id, body.role === "member" || body.banned === true);
    return tx.user.update({
      where: { id },
      data: {
        ...(body.role !== undefined ? { role: body.role } : {}),
        ...(body.name !== undefined ? { name: body.name } : {}),
        ...(body.banned !== undefined ? { banned: body.banned, banReason: body.banned ? "Disabled by an admin" : null } : {}),
      },
    });
  });
  if (body.password !== undefined) await setPassword(id, body.password);
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
  await withAdminsLocked(async (tx) => {
    await assertAnotherAdminRemains(tx, id, true);
    // Sessions, the password hash and API tokens go with the account (onDelete: Cascade).
    await tx.user.delete({ where: { id } });
  });
}
