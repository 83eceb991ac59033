-- CreateEnum
CREATE TYPE "NoticePurpose" AS ENUM ('entry', 'use');

-- CreateEnum
CREATE TYPE "AppraisalChoice" AS ENUM ('excellent', 'competent', 'basic', 'incompetent');

-- AlterEnum
ALTER TYPE "CandidateStage" ADD VALUE 'used';

-- CreateTable
CREATE TABLE "StageMove" (
    "id" SERIAL NOT NULL,
    "candidateId" INTEGER NOT NULL,
    "fromStage" "CandidateStage" NOT NULL,
    "toStage" "CandidateStage" NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,
    "byId" INTEGER,
    "reason" TEXT NOT NULL,
    "evidence" JSONB,

    CONSTRAINT "StageMove_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MentorPair" (
    "id" SERIAL NOT NULL,
    "candidateId" INTEGER NOT NULL,
    "mentorId" INTEGER NOT NULL,
    "startedAt" TIMESTAMP(3) NOT NULL,
    "endedAt" TIMESTAMP(3),
    "createdById" INTEGER,

    CONSTRAINT "MentorPair_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MentorLog" (
    "id" SERIAL NOT NULL,
    "pairId" INTEGER NOT NULL,
    "tags" TEXT[],
    "note" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "MentorLog_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CultivationReport" (
    "id" SERIAL NOT NULL,
    "candidateId" INTEGER NOT NULL,
    "period" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,
    "memberId" INTEGER,

    CONSTRAINT "CultivationReport_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "FileNote" (
    "id" SERIAL NOT NULL,
    "candidateId" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "note" TEXT NOT NULL,
    "label" TEXT,
    "at" TIMESTAMP(3) NOT NULL,
    "byId" INTEGER,

    CONSTRAINT "FileNote_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PublicNotice" (
    "id" SERIAL NOT NULL,
    "candidateId" INTEGER NOT NULL,
    "purpose" "NoticePurpose" NOT NULL,
    "post" TEXT,
    "text" TEXT NOT NULL,
    "postedOn" TEXT NOT NULL,
    "lastDay" TEXT NOT NULL,
    "days" INTEGER NOT NULL,
    "workingDays" BOOLEAN NOT NULL,
    "endsAt" TIMESTAMP(3) NOT NULL,
    "endedAt" TIMESTAMP(3),
    "createdById" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "PublicNotice_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "NoticeObjection" (
    "id" SERIAL NOT NULL,
    "noticeId" INTEGER NOT NULL,
    "text" TEXT NOT NULL,
    "recordedById" INTEGER,
    "at" TIMESTAMP(3) NOT NULL,
    "handling" TEXT,
    "upheld" BOOLEAN,
    "resolvedAt" TIMESTAMP(3),
    "resolvedById" INTEGER,

    CONSTRAINT "NoticeObjection_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AppraisalRound" (
    "id" SERIAL NOT NULL,
    "villageId" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "openedAt" TIMESTAMP(3) NOT NULL,
    "closedAt" TIMESTAMP(3),
    "createdById" INTEGER,

    CONSTRAINT "AppraisalRound_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AppraisalSubject" (
    "roundId" INTEGER NOT NULL,
    "candidateId" INTEGER NOT NULL,
    "name" TEXT NOT NULL,

    CONSTRAINT "AppraisalSubject_pkey" PRIMARY KEY ("roundId","candidateId")
);

-- CreateTable
CREATE TABLE "BallotCode" (
    "code" TEXT NOT NULL,
    "roundId" INTEGER NOT NULL,
    "used" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "BallotCode_pkey" PRIMARY KEY ("code")
);

-- CreateTable
CREATE TABLE "AppraisalCount" (
    "roundId" INTEGER NOT NULL,
    "candidateId" INTEGER NOT NULL,
    "choice" "AppraisalChoice" NOT NULL,
    "count" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "AppraisalCount_pkey" PRIMARY KEY ("roundId","candidateId","choice")
);

-- CreateTable
CREATE TABLE "PracticePost" (
    "id" SERIAL NOT NULL,
    "areaId" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "supervisor" TEXT NOT NULL,
    "startsOn" TEXT NOT NULL,
    "endsOn" TEXT NOT NULL,
    "createdById" INTEGER,

    CONSTRAINT "PracticePost_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PostAssignment" (
    "id" SERIAL NOT NULL,
    "postId" INTEGER NOT NULL,
    "candidateId" INTEGER NOT NULL,
    "startedAt" TIMESTAMP(3) NOT NULL,
    "log" JSONB NOT NULL DEFAULT '[]',
    "evaluation" "AppraisalChoice",
    "evaluationNote" TEXT,
    "evaluatedAt" TIMESTAMP(3),
    "evaluatorId" INTEGER,

    CONSTRAINT "PostAssignment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "VillageElection" (
    "villageId" INTEGER NOT NULL,
    "nextElection" TEXT,
    "seats" INTEGER,

    CONSTRAINT "VillageElection_pkey" PRIMARY KEY ("villageId")
);

-- CreateIndex
CREATE INDEX "StageMove_candidateId_at_idx" ON "StageMove"("candidateId", "at");

-- CreateIndex
CREATE INDEX "StageMove_at_idx" ON "StageMove"("at");

-- CreateIndex
CREATE INDEX "MentorPair_candidateId_idx" ON "MentorPair"("candidateId");

-- CreateIndex
CREATE INDEX "MentorPair_mentorId_idx" ON "MentorPair"("mentorId");

-- CreateIndex
CREATE INDEX "MentorLog_pairId_at_idx" ON "MentorLog"("pairId", "at");

-- CreateIndex
CREATE INDEX "CultivationReport_candidateId_at_idx" ON "CultivationReport"("candidateId", "at");

-- CreateIndex
CREATE INDEX "CultivationReport_period_idx" ON "CultivationReport"("period");

-- CreateIndex
CREATE INDEX "FileNote_candidateId_kind_idx" ON "FileNote"("candidateId", "kind");

-- CreateIndex
CREATE INDEX "PublicNotice_candidateId_purpose_idx" ON "PublicNotice"("candidateId", "purpose");

-- CreateIndex
CREATE INDEX "NoticeObjection_noticeId_idx" ON "NoticeObjection"("noticeId");

-- CreateIndex
CREATE INDEX "AppraisalRound_villageId_idx" ON "AppraisalRound"("villageId");

-- CreateIndex
CREATE INDEX "AppraisalSubject_candidateId_idx" ON "AppraisalSubject"("candidateId");

-- CreateIndex
CREATE INDEX "BallotCode_roundId_used_idx" ON "BallotCode"("roundId", "used");

-- CreateIndex
CREATE INDEX "PracticePost_areaId_idx" ON "PracticePost"("areaId");

-- CreateIndex
CREATE INDEX "PostAssignment_candidateId_idx" ON "PostAssignment"("candidateId");

-- CreateIndex
CREATE INDEX "PostAssignment_postId_idx" ON "PostAssignment"("postId");

-- AddForeignKey
ALTER TABLE "StageMove" ADD CONSTRAINT "StageMove_candidateId_fkey" FOREIGN KEY ("candidateId") REFERENCES "Candidate"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MentorPair" ADD CONSTRAINT "MentorPair_candidateId_fkey" FOREIGN KEY ("candidateId") REFERENCES "Candidate"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MentorLog" ADD CONSTRAINT "MentorLog_pairId_fkey" FOREIGN KEY ("pairId") REFERENCES "MentorPair"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CultivationReport" ADD CONSTRAINT "CultivationReport_candidateId_fkey" FOREIGN KEY ("candidateId") REFERENCES "Candidate"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FileNote" ADD CONSTRAINT "FileNote_candidateId_fkey" FOREIGN KEY ("candidateId") REFERENCES "Candidate"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PublicNotice" ADD CONSTRAINT "PublicNotice_candidateId_fkey" FOREIGN KEY ("candidateId") REFERENCES "Candidate"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "NoticeObjection" ADD CONSTRAINT "NoticeObjection_noticeId_fkey" FOREIGN KEY ("noticeId") REFERENCES "PublicNotice"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AppraisalSubject" ADD CONSTRAINT "AppraisalSubject_roundId_fkey" FOREIGN KEY ("roundId") REFERENCES "AppraisalRound"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BallotCode" ADD CONSTRAINT "BallotCode_roundId_fkey" FOREIGN KEY ("roundId") REFERENCES "AppraisalRound"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AppraisalCount" ADD CONSTRAINT "AppraisalCount_roundId_fkey" FOREIGN KEY ("roundId") REFERENCES "AppraisalRound"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PostAssignment" ADD CONSTRAINT "PostAssignment_postId_fkey" FOREIGN KEY ("postId") REFERENCES "PracticePost"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PostAssignment" ADD CONSTRAINT "PostAssignment_candidateId_fkey" FOREIGN KEY ("candidateId") REFERENCES "Candidate"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

