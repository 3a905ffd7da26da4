-- AlterTable
ALTER TABLE "datasets" ADD COLUMN     "deletedAt" TIMESTAMP(3);
