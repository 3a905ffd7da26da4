// DELETE /api/datasets/:id: refused (409) while a training job or an evaluation still needs the
// rows; otherwise its rows and its directory under DATA_DIR go. A dataset that finished jobs refer
// to keeps its (now empty) row, marked deleted, so those jobs keep their history (metrics, logs,
// adapters), but every copy of its text goes too: the splits exported into those jobs' directories
// (with their checkpoints) and the predictions of its evaluations (their metrics stay).
import { rm } from "node:fs/promises";
import path from "node:path";
import { getDb } from "@loraboard/db/server";
import { ApiError, notFound } from "@/server/api-error";
import { jobDirectory } from "@/features/jobs/server/job-files";
import { getWebEnv } from "@/server/env";
import { recordAudit } from "@/server/audit/audit-log";
import type { Principal } from "@/server/auth/authenticate";

const ACTIVE_JOB_STATUSES = ["queued", "running", "evaluating"] as const;
const ACTIVE_EVALUATION_STATUSES = ["queued", "running"] as const;

export async function deleteDataset(id: string, actor: Principal, dataDir = getWebEnv().DATA_DIR): Promise<void> {
  const db = getDb();
  let originalPath: string;
  let jobIds: string[];
  try {
    ({ originalPath, jobIds } = await db.$transaction(async (tx) => {
      const dataset = await tx.dataset.findUnique({ where: { id, deletedAt: null }, select: { originalPath: true, name: true } });
      if (!dataset) throw notFound(`Dataset ${id}`);
      const activeJobs = await tx.trainingJob.findMany({
        where: { datasetId: id, status: { in: [...ACTIVE_JOB_STATUSES] } },
        select: { name: true, status: true },
      });
      if (activeJobs.length > 0) {
        const names = activeJobs.slice(0, 3).map((job) => `"${job.name}" (${job.status})`).join(", ");
        throw new ApiError(
          409,
          "dataset_in_use",
          `The dataset is used by ${activeJobs.length} training job${activeJobs.length === 1 ? "" : "s"} that ${activeJobs.length === 1 ? "is" : "are"} not finished: ${names}. Cancel ${activeJobs.length === 1 ? "it" : "them"} or wait, then delete.`,
        );
      }
      const activeEvaluations = await tx.evaluation.count({ where: { datasetId: id, status: { in: [...ACTIVE_EVALUATION_STATUSES] } } });
      if (activeEvaluations > 0) {
        throw new ApiError(409, "dataset_in_use", `The dataset is being evaluated on (${activeEvaluations} evaluation${activeEvaluations === 1 ? "" : "s"} queued or running); wait for ${activeEvaluations === 1 ? "it" : "them"} to finish, then delete.`);
      }
      const finishedJobs = await tx.trainingJob.findMany({ where: { datasetId: id }, select: { id: true } });
      if (finishedJobs.length > 0) {
        await tx.datasetRow.deleteMany({ where: { datasetId: id } });
        await tx.prediction.deleteMany({ where: { evaluation: { datasetId: id } } });
        await tx.dataset.update({ where: { id }, data: { deletedAt: new Date() } });
      } else {
        await tx.dataset.delete({ where: { id } });
      }
      await recordAudit(tx, actor, { action: "dataset.delete", targetType: "dataset", targetId: id, details: { name: dataset.name } });
      return { originalPath: dataset.originalPath, jobIds: finishedJobs.map((job) => job.id) };
    }));
  } catch (error) {
    // A job created between the check and the delete trips the foreign key instead.
    if ((error as { code?: string }).code === "P2003") {
      throw new ApiError(409, "dataset_in_use", "A training job started using the dataset just now; try again when it is finished.");
    }
    throw error;
  }
  const directory = path.dirname(originalPath);
  if (directory.startsWith("datasets/")) await rm(path.join(dataDir, directory), { recursive: true, force: true });
  for (const jobId of jobIds) await rm(jobDirectory(dataDir, jobId), { recursive: true, force: true });
}
