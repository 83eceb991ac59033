-- AlterTable
ALTER TABLE "Area" ADD COLUMN     "code" TEXT;

-- AlterTable
ALTER TABLE "Candidate" ADD COLUMN     "birthMonth" INTEGER,
ADD COLUMN     "idNumber" TEXT;

-- CreateIndex
CREATE UNIQUE INDEX "Area_code_key" ON "Area"("code");

-- CreateIndex
CREATE UNIQUE INDEX "Candidate_idNumber_key" ON "Candidate"("idNumber");

