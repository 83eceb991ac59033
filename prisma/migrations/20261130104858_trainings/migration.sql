-- CreateTable
CREATE TABLE "Training" (
    "id" SERIAL NOT NULL,
    "areaId" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,
    "hours" DOUBLE PRECISION NOT NULL,
    "place" TEXT,
    "createdById" INTEGER,

    CONSTRAINT "Training_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TrainingAttendance" (
    "trainingId" INTEGER NOT NULL,
    "candidateId" INTEGER NOT NULL,
    "attended" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "TrainingAttendance_pkey" PRIMARY KEY ("trainingId","candidateId")
);

-- CreateIndex
CREATE INDEX "Training_areaId_at_idx" ON "Training"("areaId", "at");

-- CreateIndex
CREATE INDEX "TrainingAttendance_candidateId_idx" ON "TrainingAttendance"("candidateId");

-- AddForeignKey
ALTER TABLE "TrainingAttendance" ADD CONSTRAINT "TrainingAttendance_trainingId_fkey" FOREIGN KEY ("trainingId") REFERENCES "Training"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

