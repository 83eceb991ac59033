-- CreateEnum
CREATE TYPE "RemarkKind" AS ENUM ('idea', 'feedback', 'request', 'study', 'thinking');

-- CreateEnum
CREATE TYPE "ClassificationStatus" AS ENUM ('pending', 'done', 'review', 'fallback');

-- AlterEnum
ALTER TYPE "FeedbackKind" ADD VALUE 'request';

-- DropForeignKey
ALTER TABLE "FeedbackItem" DROP CONSTRAINT "FeedbackItem_authorId_fkey";

-- AlterTable
ALTER TABLE "ArchivedMessage" ADD COLUMN     "remarkBy" TEXT,
ADD COLUMN     "remarkKind" "RemarkKind",
ADD COLUMN     "remarkTopic" "FeedbackTopic",
ADD COLUMN     "sentiment" TEXT,
ADD COLUMN     "summary" TEXT,
ADD COLUMN     "urgency" TEXT;

-- AlterTable
ALTER TABLE "FeedbackItem" ADD COLUMN     "anonymous" BOOLEAN NOT NULL DEFAULT false,
ALTER COLUMN "authorId" DROP NOT NULL;

-- CreateTable
CREATE TABLE "ClassificationTask" (
    "messageId" INTEGER NOT NULL,
    "status" "ClassificationStatus" NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "leaseUntil" TIMESTAMP(3),
    "lastError" TEXT,
    "result" JSONB,
    "producedBy" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ClassificationTask_pkey" PRIMARY KEY ("messageId")
);

-- CreateTable
CREATE TABLE "AnonymousSender" (
    "feedbackId" INTEGER NOT NULL,
    "memberId" INTEGER NOT NULL,
    "messageKey" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AnonymousSender_pkey" PRIMARY KEY ("feedbackId")
);

-- CreateIndex
CREATE INDEX "ClassificationTask_status_nextAttemptAt_idx" ON "ClassificationTask"("status", "nextAttemptAt");

-- CreateIndex
CREATE UNIQUE INDEX "AnonymousSender_messageKey_key" ON "AnonymousSender"("messageKey");

-- CreateIndex
CREATE INDEX "ArchivedMessage_remarkKind_sentAt_idx" ON "ArchivedMessage"("remarkKind", "sentAt");

-- CreateIndex
CREATE INDEX "FeedbackItem_areaId_createdAt_idx" ON "FeedbackItem"("areaId", "createdAt");

-- AddForeignKey
ALTER TABLE "ClassificationTask" ADD CONSTRAINT "ClassificationTask_messageId_fkey" FOREIGN KEY ("messageId") REFERENCES "ArchivedMessage"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FeedbackItem" ADD CONSTRAINT "FeedbackItem_authorId_fkey" FOREIGN KEY ("authorId") REFERENCES "ChatMember"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AnonymousSender" ADD CONSTRAINT "AnonymousSender_feedbackId_fkey" FOREIGN KEY ("feedbackId") REFERENCES "FeedbackItem"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

