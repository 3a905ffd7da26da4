-- AlterTable
ALTER TABLE "evaluations" ADD COLUMN     "baselineId" TEXT,
ADD COLUMN     "baselineKey" TEXT,
ADD COLUMN     "labelWords" JSONB,
ADD COLUMN     "promptTemplate" TEXT;

-- CreateIndex
CREATE UNIQUE INDEX "evaluations_baselineKey_key" ON "evaluations"("baselineKey");

-- AddForeignKey
ALTER TABLE "evaluations" ADD CONSTRAINT "evaluations_baselineId_fkey" FOREIGN KEY ("baselineId") REFERENCES "evaluations"("id") ON DELETE SET NULL ON UPDATE CASCADE;
