-- AlterTable
ALTER TABLE "training_jobs" ADD COLUMN     "adapterName" TEXT NOT NULL;

-- CreateIndex
CREATE UNIQUE INDEX "training_jobs_adapterName_key" ON "training_jobs"("adapterName");
