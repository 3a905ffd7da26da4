-- AlterTable
ALTER TABLE "base_models" ADD COLUMN     "inferenceUrl" TEXT,
ADD COLUMN     "labelWords" JSONB,
ADD COLUMN     "preset" TEXT;
