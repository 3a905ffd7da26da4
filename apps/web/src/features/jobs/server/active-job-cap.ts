// The per-account cap on jobs queued or running (MAX_ACTIVE_JOBS_PER_USER): one person, or one
// script with the API_TOKEN, cannot fill the GPUs' queue alone. Checked inside the transaction
// that inserts the jobs, under a lock per account, so two requests at once cannot both slip past.
import type { Prisma } from "@loraboard/db/server";
import { ApiError } from "@/server/api-error";
import { getWebEnv } from "@/server/env";

/** Throws 429 `too_many_jobs` when `adding` more jobs would take the account past the cap. */
export async function reserveActiveJobs(tx: Prisma.TransactionClient, createdById: string | null, adding: number): Promise<void> {
  const limit = getWebEnv().MAX_ACTIVE_JOBS_PER_USER;
  // The API_TOKEN is no account: its jobs are the ones without a creator.
  const key = `active-jobs:${createdById ?? "api-token"}`;
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext(${key}))`;
  const active = await tx.trainingJob.count({ where: { createdById, status: { in: ["queued", "running"] } } });
  if (active + adding <= limit) return;
  const asked = adding === 1 ? "one more" : `${adding} more`;
  throw new ApiError(
    429,
    "too_many_jobs",
    `You have ${active} job${active === 1 ? "" : "s"} queued or running and asked for ${asked}; an account may have at most ${limit} at once ` +
      `(MAX_ACTIVE_JOBS_PER_USER). Wait for some to finish or cancel some${adding > 1 ? ", or make the sweep smaller" : ""}, then try again.`,
  );
}
