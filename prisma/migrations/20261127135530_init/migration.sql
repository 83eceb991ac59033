-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "AreaLevel" AS ENUM ('county', 'township', 'village');

-- CreateEnum
CREATE TYPE "Gender" AS ENUM ('male', 'female');

-- CreateEnum
CREATE TYPE "CandidateCategory" AS ENUM ('business_leader', 'returning_entrepreneur', 'graduate', 'veteran', 'other');

-- CreateEnum
CREATE TYPE "CandidateSource" AS ENUM ('self_nomination', 'villager_recommendation', 'party_recommendation');

-- CreateEnum
CREATE TYPE "CandidateStage" AS ENUM ('prospect', 'trainee', 'reserve', 'exited');

-- CreateEnum
CREATE TYPE "MemberRole" AS ENUM ('guest', 'reserve', 'village_cadre', 'township_organiser', 'county_admin');

-- CreateEnum
CREATE TYPE "MessageKind" AS ENUM ('text', 'emoji', 'image', 'file', 'voice', 'video', 'link', 'other');

-- CreateEnum
CREATE TYPE "FeedbackKind" AS ENUM ('feedback', 'idea');

-- CreateEnum
CREATE TYPE "FeedbackTopic" AS ENUM ('industry', 'governance', 'difficulty', 'thinking', 'study', 'other');

-- CreateEnum
CREATE TYPE "FeedbackStatus" AS ENUM ('open', 'answered', 'closed');

-- CreateTable
CREATE TABLE "Area" (
    "id" SERIAL NOT NULL,
    "name" TEXT NOT NULL,
    "level" "AreaLevel" NOT NULL,
    "parentId" INTEGER,
    "path" TEXT NOT NULL,

    CONSTRAINT "Area_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Candidate" (
    "id" SERIAL NOT NULL,
    "name" TEXT NOT NULL,
    "gender" "Gender",
    "birthYear" INTEGER,
    "phone" TEXT,
    "education" TEXT,
    "politicalStatus" TEXT,
    "category" "CandidateCategory" NOT NULL DEFAULT 'other',
    "source" "CandidateSource" NOT NULL DEFAULT 'party_recommendation',
    "stage" "CandidateStage" NOT NULL DEFAULT 'prospect',
    "villageId" INTEGER NOT NULL,
    "specialties" TEXT,
    "currentPlace" TEXT,
    "notes" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Candidate_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ChatMember" (
    "id" SERIAL NOT NULL,
    "channel" TEXT NOT NULL,
    "externalId" TEXT NOT NULL,
    "displayName" TEXT NOT NULL,
    "role" "MemberRole" NOT NULL DEFAULT 'guest',
    "candidateId" INTEGER,
    "areaId" INTEGER,
    "askedToIdentifyAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ChatMember_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LiaisonGroup" (
    "id" SERIAL NOT NULL,
    "channel" TEXT NOT NULL,
    "externalId" TEXT NOT NULL,
    "topic" TEXT NOT NULL,
    "areaId" INTEGER NOT NULL,
    "boundById" INTEGER,
    "boundAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "LiaisonGroup_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ArchivedMessage" (
    "id" SERIAL NOT NULL,
    "channel" TEXT NOT NULL,
    "externalId" TEXT NOT NULL,
    "groupId" INTEGER,
    "memberId" INTEGER NOT NULL,
    "candidateId" INTEGER,
    "kind" "MessageKind" NOT NULL,
    "text" TEXT NOT NULL,
    "sentAt" TIMESTAMP(3) NOT NULL,
    "receivedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "backlog" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "ArchivedMessage_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "FeedbackItem" (
    "id" SERIAL NOT NULL,
    "kind" "FeedbackKind" NOT NULL,
    "topic" "FeedbackTopic" NOT NULL,
    "status" "FeedbackStatus" NOT NULL DEFAULT 'open',
    "text" TEXT NOT NULL,
    "detectedBy" TEXT NOT NULL,
    "messageId" INTEGER,
    "candidateId" INTEGER,
    "authorId" INTEGER NOT NULL,
    "groupId" INTEGER,
    "areaId" INTEGER NOT NULL,
    "response" TEXT,
    "responderId" INTEGER,
    "respondedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "FeedbackItem_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "BindCode" (
    "code" TEXT NOT NULL,
    "candidateId" INTEGER,
    "role" "MemberRole" NOT NULL,
    "areaId" INTEGER,
    "createdById" INTEGER,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "usedAt" TIMESTAMP(3),
    "usedById" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "BindCode_pkey" PRIMARY KEY ("code")
);

-- CreateTable
CREATE TABLE "AuditLog" (
    "id" SERIAL NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actorId" INTEGER,
    "action" TEXT NOT NULL,
    "outcome" TEXT NOT NULL,
    "entity" TEXT,
    "entityId" TEXT,
    "detail" JSONB,

    CONSTRAINT "AuditLog_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Area_path_key" ON "Area"("path");

-- CreateIndex
CREATE UNIQUE INDEX "Area_parentId_name_key" ON "Area"("parentId", "name");

-- CreateIndex
CREATE INDEX "Candidate_villageId_idx" ON "Candidate"("villageId");

-- CreateIndex
CREATE INDEX "ChatMember_candidateId_idx" ON "ChatMember"("candidateId");

-- CreateIndex
CREATE UNIQUE INDEX "ChatMember_channel_externalId_key" ON "ChatMember"("channel", "externalId");

-- CreateIndex
CREATE UNIQUE INDEX "LiaisonGroup_channel_externalId_key" ON "LiaisonGroup"("channel", "externalId");

-- CreateIndex
CREATE INDEX "ArchivedMessage_candidateId_sentAt_idx" ON "ArchivedMessage"("candidateId", "sentAt");

-- CreateIndex
CREATE INDEX "ArchivedMessage_groupId_sentAt_idx" ON "ArchivedMessage"("groupId", "sentAt");

-- CreateIndex
CREATE UNIQUE INDEX "ArchivedMessage_channel_externalId_key" ON "ArchivedMessage"("channel", "externalId");

-- CreateIndex
CREATE INDEX "FeedbackItem_areaId_status_idx" ON "FeedbackItem"("areaId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "FeedbackItem_messageId_key" ON "FeedbackItem"("messageId");

-- CreateIndex
CREATE INDEX "AuditLog_at_idx" ON "AuditLog"("at");

-- AddForeignKey
ALTER TABLE "Area" ADD CONSTRAINT "Area_parentId_fkey" FOREIGN KEY ("parentId") REFERENCES "Area"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Candidate" ADD CONSTRAINT "Candidate_villageId_fkey" FOREIGN KEY ("villageId") REFERENCES "Area"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ChatMember" ADD CONSTRAINT "ChatMember_candidateId_fkey" FOREIGN KEY ("candidateId") REFERENCES "Candidate"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ChatMember" ADD CONSTRAINT "ChatMember_areaId_fkey" FOREIGN KEY ("areaId") REFERENCES "Area"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LiaisonGroup" ADD CONSTRAINT "LiaisonGroup_areaId_fkey" FOREIGN KEY ("areaId") REFERENCES "Area"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ArchivedMessage" ADD CONSTRAINT "ArchivedMessage_groupId_fkey" FOREIGN KEY ("groupId") REFERENCES "LiaisonGroup"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ArchivedMessage" ADD CONSTRAINT "ArchivedMessage_memberId_fkey" FOREIGN KEY ("memberId") REFERENCES "ChatMember"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ArchivedMessage" ADD CONSTRAINT "ArchivedMessage_candidateId_fkey" FOREIGN KEY ("candidateId") REFERENCES "Candidate"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FeedbackItem" ADD CONSTRAINT "FeedbackItem_messageId_fkey" FOREIGN KEY ("messageId") REFERENCES "ArchivedMessage"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FeedbackItem" ADD CONSTRAINT "FeedbackItem_candidateId_fkey" FOREIGN KEY ("candidateId") REFERENCES "Candidate"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FeedbackItem" ADD CONSTRAINT "FeedbackItem_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "ChatMember"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FeedbackItem" ADD CONSTRAINT "FeedbackItem_groupId_fkey" FOREIGN KEY ("groupId") REFERENCES "LiaisonGroup"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FeedbackItem" ADD CONSTRAINT "FeedbackItem_areaId_fkey" FOREIGN KEY ("areaId") REFERENCES "Area"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FeedbackItem" ADD CONSTRAINT "FeedbackItem_responderId_fkey" FOREIGN KEY ("responderId") REFERENCES "ChatMember"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "BindCode" ADD CONSTRAINT "BindCode_candidateId_fkey" FOREIGN KEY ("candidateId") REFERENCES "Candidate"("id") ON DELETE SET NULL ON UPDATE CASCADE;

