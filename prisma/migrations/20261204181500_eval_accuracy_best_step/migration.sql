-- Validation accuracy and macro-F1 from logits per eval step, and the step the published adapter came from.
ALTER TABLE "job_metrics" ADD COLUMN "evalAccuracy" DOUBLE PRECISION,
ADD COLUMN "evalMacroF1" DOUBLE PRECISION;

ALTER TABLE "training_jobs" ADD COLUMN "bestStep" INTEGER;
