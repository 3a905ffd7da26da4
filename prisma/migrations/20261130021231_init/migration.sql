-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "DatasetSplit" AS ENUM ('train', 'val', 'test');

-- CreateEnum
CREATE TYPE "JobStatus" AS ENUM ('queued', 'running', 'evaluating', 'succeeded', 'failed', 'cancelled');

-- CreateEnum
CREATE TYPE "AdapterStatus" AS ENUM ('loaded', 'unloaded', 'loading', 'failed');

-- CreateEnum
CREATE TYPE "EvaluationStatus" AS ENUM ('queued', 'running', 'succeeded', 'failed', 'cancelled');

-- CreateTable
CREATE TABLE "datasets" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "format" TEXT NOT NULL,
    "originalFilename" TEXT NOT NULL,
    "originalPath" TEXT NOT NULL,
    "rowCount" INTEGER NOT NULL,
    "labelCounts" JSONB NOT NULL,
    "splitCounts" JSONB NOT NULL,
    "stats" JSONB NOT NULL,
    "warnings" JSONB NOT NULL,
    "valFraction" DOUBLE PRECISION NOT NULL,
    "testFraction" DOUBLE PRECISION NOT NULL,
    "seed" INTEGER NOT NULL,
    "hasSeparateTest" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "datasets_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "dataset_rows" (
    "datasetId" TEXT NOT NULL,
    "index" INTEGER NOT NULL,
    "sentence" TEXT NOT NULL,
    "label" INTEGER NOT NULL,
    "split" "DatasetSplit" NOT NULL,

    CONSTRAINT "dataset_rows_pkey" PRIMARY KEY ("datasetId","index")
);

-- CreateTable
CREATE TABLE "base_models" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "path" TEXT NOT NULL,
    "promptTemplate" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "base_models_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "training_jobs" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "status" "JobStatus" NOT NULL DEFAULT 'queued',
    "datasetId" TEXT NOT NULL,
    "baseModelId" TEXT NOT NULL,
    "hyperparameters" JSONB NOT NULL,
    "promptTemplate" TEXT NOT NULL,
    "labelWords" JSONB NOT NULL,
    "progress" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "currentStep" INTEGER NOT NULL DEFAULT 0,
    "totalSteps" INTEGER,
    "etaSeconds" DOUBLE PRECISION,
    "error" JSONB,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "lastCheckpoint" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "startedAt" TIMESTAMP(3),
    "finishedAt" TIMESTAMP(3),

    CONSTRAINT "training_jobs_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "job_metrics" (
    "jobId" TEXT NOT NULL,
    "step" INTEGER NOT NULL,
    "epoch" DOUBLE PRECISION,
    "loss" DOUBLE PRECISION,
    "gradNorm" DOUBLE PRECISION,
    "learningRate" DOUBLE PRECISION,
    "evalLoss" DOUBLE PRECISION,
    "samplesPerSecond" DOUBLE PRECISION,
    "tokensPerSecond" DOUBLE PRECISION,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "job_metrics_pkey" PRIMARY KEY ("jobId","step")
);

-- CreateTable
CREATE TABLE "job_log_lines" (
    "id" BIGSERIAL NOT NULL,
    "jobId" TEXT NOT NULL,
    "attempt" INTEGER NOT NULL DEFAULT 0,
    "stream" TEXT NOT NULL,
    "line" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "job_log_lines_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "adapters" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "jobId" TEXT NOT NULL,
    "baseModelId" TEXT NOT NULL,
    "path" TEXT NOT NULL,
    "status" "AdapterStatus" NOT NULL DEFAULT 'unloaded',
    "shouldLoad" BOOLEAN NOT NULL DEFAULT true,
    "error" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "loadedAt" TIMESTAMP(3),

    CONSTRAINT "adapters_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "evaluations" (
    "id" TEXT NOT NULL,
    "status" "EvaluationStatus" NOT NULL DEFAULT 'queued',
    "model" TEXT NOT NULL,
    "adapterId" TEXT,
    "jobId" TEXT,
    "datasetId" TEXT NOT NULL,
    "split" "DatasetSplit" NOT NULL,
    "fewShot" INTEGER NOT NULL DEFAULT 0,
    "total" INTEGER NOT NULL DEFAULT 0,
    "completed" INTEGER NOT NULL DEFAULT 0,
    "metrics" JSONB,
    "samplesPerSecond" DOUBLE PRECISION,
    "error" JSONB,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "startedAt" TIMESTAMP(3),
    "finishedAt" TIMESTAMP(3),

    CONSTRAINT "evaluations_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "predictions" (
    "evaluationId" TEXT NOT NULL,
    "index" INTEGER NOT NULL,
    "sentence" TEXT NOT NULL,
    "label" INTEGER NOT NULL,
    "predicted" INTEGER,
    "output" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "predictions_pkey" PRIMARY KEY ("evaluationId","index")
);

-- CreateIndex
CREATE INDEX "dataset_rows_datasetId_split_index_idx" ON "dataset_rows"("datasetId", "split", "index");

-- CreateIndex
CREATE INDEX "training_jobs_status_idx" ON "training_jobs"("status");

-- CreateIndex
CREATE INDEX "training_jobs_createdAt_idx" ON "training_jobs"("createdAt");

-- CreateIndex
CREATE INDEX "job_log_lines_jobId_id_idx" ON "job_log_lines"("jobId", "id");

-- CreateIndex
CREATE UNIQUE INDEX "adapters_name_key" ON "adapters"("name");

-- CreateIndex
CREATE UNIQUE INDEX "adapters_jobId_key" ON "adapters"("jobId");

-- CreateIndex
CREATE INDEX "evaluations_datasetId_split_idx" ON "evaluations"("datasetId", "split");

-- AddForeignKey
ALTER TABLE "dataset_rows" ADD CONSTRAINT "dataset_rows_datasetId_fkey" FOREIGN KEY ("datasetId") REFERENCES "datasets"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "training_jobs" ADD CONSTRAINT "training_jobs_datasetId_fkey" FOREIGN KEY ("datasetId") REFERENCES "datasets"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "training_jobs" ADD CONSTRAINT "training_jobs_baseModelId_fkey" FOREIGN KEY ("baseModelId") REFERENCES "base_models"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "job_metrics" ADD CONSTRAINT "job_metrics_jobId_fkey" FOREIGN KEY ("jobId") REFERENCES "training_jobs"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "job_log_lines" ADD CONSTRAINT "job_log_lines_jobId_fkey" FOREIGN KEY ("jobId") REFERENCES "training_jobs"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "adapters" ADD CONSTRAINT "adapters_jobId_fkey" FOREIGN KEY ("jobId") REFERENCES "training_jobs"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "adapters" ADD CONSTRAINT "adapters_baseModelId_fkey" FOREIGN KEY ("baseModelId") REFERENCES "base_models"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "evaluations" ADD CONSTRAINT "evaluations_datasetId_fkey" FOREIGN KEY ("datasetId") REFERENCES "datasets"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "evaluations" ADD CONSTRAINT "evaluations_adapterId_fkey" FOREIGN KEY ("adapterId") REFERENCES "adapters"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "evaluations" ADD CONSTRAINT "evaluations_jobId_fkey" FOREIGN KEY ("jobId") REFERENCES "training_jobs"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "predictions" ADD CONSTRAINT "predictions_evaluationId_fkey" FOREIGN KEY ("evaluationId") REFERENCES "evaluations"("id") ON DELETE CASCADE ON UPDATE CASCADE;
