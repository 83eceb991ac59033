-- AlterTable
ALTER TABLE "Schedule" ADD COLUMN     "leadMinutes" INTEGER NOT NULL DEFAULT 0;

