-- Labels are integers or text (issue 15): rows and predictions keep the text form of the label,
-- and each dataset lists its classes in order. Existing datasets are 0/1 ones, so [0,1].
ALTER TABLE "datasets" ADD COLUMN "labels" JSONB NOT NULL DEFAULT '[0,1]';

ALTER TABLE "dataset_rows" ALTER COLUMN "label" SET DATA TYPE TEXT USING "label"::text;

ALTER TABLE "predictions" ALTER COLUMN "label" SET DATA TYPE TEXT USING "label"::text,
  ALTER COLUMN "predicted" SET DATA TYPE TEXT USING "predicted"::text;
