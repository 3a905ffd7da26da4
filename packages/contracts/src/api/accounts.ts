// Accounts, sessions and personal API tokens (apps/web/src/features/accounts).
import { z } from "zod";
import { listResponse } from "./common";
import { nameField } from "./names";

export const UserRole = z.enum(["admin", "member"]);
export type UserRole = z.infer<typeof UserRole>;

const email = z
  .string({ error: "email must be text" })
  .trim()
  .toLowerCase()
  .max(254, "email must be at most 254 characters")
  .pipe(z.email("enter an email address such as ada@example.com"));
// better-auth's limits: the form says so before the server does.
const password = z
  .string({ error: "password must be text" })
  .min(10, "password must be at least 10 characters")
  .max(256, "password must be at most 256 characters");

/** POST /api/session: sign in with email and password; the answer sets the session cookie. */
export const SignInBody = z.object({
  email: z.string({ error: "email must be text" }).trim().toLowerCase().min(1, "enter your email").max(254),
  password: z.string({ error: "password must be text" }).min(1, "enter your password").max(256),
});
export type SignInBody = z.infer<typeof SignInBody>;

/** POST /api/setup: the first admin, only while no account exists. From anywhere but the server's
 * own machine it needs the setup code the server printed in its console at start. */
export const SetupBody = z.object({
  name: nameField("name", 100),
  email,
  password,
  setupCode: z
    .string({ error: "setupCode must be text" })
    .max(100)
    .optional()
    .describe("The code the server printed in its console at start (also in $DATA_DIR/setup-code); not needed from localhost."),
});
export type SetupBody = z.infer<typeof SetupBody>;

/** POST /api/users (admin). */
export const CreateUserBody = z.object({ name: nameField("name", 100), email, password, role: UserRole.default("member") });
export type CreateUserBody = z.infer<typeof CreateUserBody>;

/** PATCH /api/users/:id (admin): role, barring from signing in (ends their sessions and stops
 * their tokens), name, or a new password (for someone who forgot theirs; signs them out). */
export const UpdateUserBody = z
  .object({ role: UserRole.optional(), banned: z.boolean().optional(), name: nameField("name", 100).optional(), password: password.optional() })
  .refine((body) => Object.values(body).some((value) => value !== undefined), "send role, banned, name or password");
export type UpdateUserBody = z.infer<typeof UpdateUserBody>;

export const UserSummary = z.object({
  id: z.string(),
  name: z.string(),
  email: z.string(),
  role: UserRole,
  banned: z.boolean(),
  createdAt: z.string(),
});
export type UserSummary = z.infer<typeof UserSummary>;

/** GET /api/session: who is calling. */
export const SessionInfo = z.object({
  kind: z.enum(["session", "token", "bootstrap"]).describe("bootstrap: the API_TOKEN from the environment, acting as an admin."),
  role: UserRole,
  user: UserSummary.nullable(),
});
export type SessionInfo = z.infer<typeof SessionInfo>;

/** POST /api/session/password: change your own password (signs your other sessions out). */
export const ChangePasswordBody = z.object({
  currentPassword: z.string({ error: "currentPassword must be text" }).min(1, "enter your current password").max(256),
  newPassword: password,
});
export type ChangePasswordBody = z.infer<typeof ChangePasswordBody>;

/** POST /api/tokens. */
export const CreateApiTokenBody = z.object({ name: nameField("name", 100) });
export type CreateApiTokenBody = z.infer<typeof CreateApiTokenBody>;

export const ApiTokenSummary = z.object({
  id: z.string(),
  name: z.string(),
  prefix: z.string().describe("The token's first characters, to tell tokens apart."),
  createdAt: z.string(),
  lastUsedAt: z.string().nullable(),
  revokedAt: z.string().nullable(),
});
export type ApiTokenSummary = z.infer<typeof ApiTokenSummary>;
/** One object for both token lists (yours, and an admin's view of a person's). */
export const ApiTokenListResponse = listResponse(ApiTokenSummary);

export const CreatedApiToken = ApiTokenSummary.extend({
  token: z.string().describe("The token itself, shown this once; only its hash is stored."),
});
export type CreatedApiToken = z.infer<typeof CreatedApiToken>;

/** GET /api/audit (admin): who deleted, cancelled, changed accounts or used an admin token. */
export const AuditEvent = z.object({
  id: z.string(),
  createdAt: z.string(),
  actorId: z.string().nullable().describe("null: the bootstrap API_TOKEN."),
  actorEmail: z.string().nullable(),
  via: z.enum(["session", "token", "bootstrap"]),
  tokenId: z.string().nullable(),
  action: z.string().describe("dataset.delete, job.cancel, user.update, user.delete, token.revoke, base_model.delete, api.request"),
  targetType: z.string(),
  targetId: z.string(),
  details: z.record(z.string(), z.unknown()).nullable(),
});
export type AuditEvent = z.infer<typeof AuditEvent>;

export const AuditListQuery = z.object({
  actorId: z.string().min(1).optional(),
  action: z.string().min(1).max(100).optional(),
  /** The id of the last event of the previous page: older events follow. */
  cursor: z.string().regex(/^\d+$/, "cursor is an event id").optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type AuditListQuery = z.infer<typeof AuditListQuery>;

export const AuditListResponse = z.object({ items: z.array(AuditEvent), nextCursor: z.string().nullable() });
export type AuditListResponse = z.infer<typeof AuditListResponse>;
