-- AlterTable
ALTER TABLE "Schedule" ADD COLUMN     "weekAnchor" TEXT,
ADD COLUMN     "weekInterval" INTEGER;

