-- CreateEnum
CREATE TYPE "SweepStrategy" AS ENUM ('grid', 'random');

-- AlterTable
ALTER TABLE "training_jobs" ADD COLUMN     "sweepId" TEXT;

-- CreateTable
CREATE TABLE "sweeps" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "datasetId" TEXT NOT NULL,
    "baseModelId" TEXT NOT NULL,
    "strategy" "SweepStrategy" NOT NULL,
    "space" JSONB NOT NULL,
    "metric" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'running',
    "winnerJobId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "createdById" TEXT,

    CONSTRAINT "sweeps_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "sweeps_createdAt_idx" ON "sweeps"("createdAt");

-- CreateIndex
CREATE INDEX "training_jobs_sweepId_idx" ON "training_jobs"("sweepId");

-- CreateIndex
CREATE INDEX "training_jobs_createdById_status_idx" ON "training_jobs"("createdById", "status");

-- AddForeignKey
ALTER TABLE "training_jobs" ADD CONSTRAINT "training_jobs_sweepId_fkey" FOREIGN KEY ("sweepId") REFERENCES "sweeps"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "sweeps" ADD CONSTRAINT "sweeps_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "users"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "sweeps" ADD CONSTRAINT "sweeps_datasetId_fkey" FOREIGN KEY ("datasetId") REFERENCES "datasets"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "sweeps" ADD CONSTRAINT "sweeps_baseModelId_fkey" FOREIGN KEY ("baseModelId") REFERENCES "base_models"("id") ON DELETE CASCADE ON UPDATE CASCADE;
