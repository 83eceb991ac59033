-- CreateEnum
CREATE TYPE "ReminderKind" AS ENUM ('online_study', 'three_meetings', 'party_day', 'training', 'other');

-- CreateEnum
CREATE TYPE "ScheduleStatus" AS ENUM ('active', 'paused', 'finished');

-- CreateEnum
CREATE TYPE "OutboxStatus" AS ENUM ('pending', 'sending', 'sent', 'failed');

-- CreateTable
CREATE TABLE "Schedule" (
    "id" SERIAL NOT NULL,
    "kind" "ReminderKind" NOT NULL,
    "groupId" INTEGER,
    "areaId" INTEGER,
    "cron" TEXT,
    "onceAt" TIMESTAMP(3),
    "timeLabel" TEXT NOT NULL,
    "timeZone" TEXT NOT NULL DEFAULT 'Asia/Shanghai',
    "topic" TEXT,
    "link" TEXT,
    "place" TEXT,
    "template" TEXT NOT NULL,
    "status" "ScheduleStatus" NOT NULL DEFAULT 'active',
    "nextFiringAt" TIMESTAMP(3),
    "lastFiringAt" TIMESTAMP(3),
    "lastOutcome" TEXT,
    "createdById" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "deletedAt" TIMESTAMP(3),

    CONSTRAINT "Schedule_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "JobRun" (
    "id" SERIAL NOT NULL,
    "job" TEXT NOT NULL,
    "slot" TIMESTAMP(3) NOT NULL,
    "outcome" TEXT NOT NULL,
    "detail" JSONB,
    "instance" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "JobRun_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "OutboxMessage" (
    "id" SERIAL NOT NULL,
    "key" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "conversation" TEXT NOT NULL,
    "isGroup" BOOLEAN NOT NULL,
    "text" TEXT NOT NULL,
    "mentions" JSONB,
    "purpose" TEXT NOT NULL,
    "priority" INTEGER NOT NULL DEFAULT 100,
    "status" "OutboxStatus" NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastError" TEXT,
    "claimedBy" TEXT,
    "leaseUntil" TIMESTAMP(3),
    "handedAt" TIMESTAMP(3),
    "sentAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "OutboxMessage_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "OutboxChannel" (
    "channel" TEXT NOT NULL,
    "nextSendAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "day" TEXT NOT NULL DEFAULT '',
    "sentToday" INTEGER NOT NULL DEFAULT 0,
    "haltedAt" TIMESTAMP(3),
    "haltReason" TEXT,
    "haltedUntil" TIMESTAMP(3),

    CONSTRAINT "OutboxChannel_pkey" PRIMARY KEY ("channel")
);

-- CreateTable
CREATE TABLE "StudyCheckin" (
    "id" SERIAL NOT NULL,
    "memberId" INTEGER NOT NULL,
    "candidateId" INTEGER,
    "groupId" INTEGER,
    "messageId" INTEGER,
    "platform" TEXT NOT NULL,
    "content" TEXT,
    "minutes" INTEGER,
    "at" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "StudyCheckin_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "StudyNudge" (
    "memberId" INTEGER NOT NULL,
    "week" TEXT NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "StudyNudge_pkey" PRIMARY KEY ("memberId","week")
);

-- CreateIndex
CREATE INDEX "Schedule_status_nextFiringAt_idx" ON "Schedule"("status", "nextFiringAt");

-- CreateIndex
CREATE INDEX "JobRun_at_idx" ON "JobRun"("at");

-- CreateIndex
CREATE UNIQUE INDEX "JobRun_job_slot_key" ON "JobRun"("job", "slot");

-- CreateIndex
CREATE UNIQUE INDEX "OutboxMessage_key_key" ON "OutboxMessage"("key");

-- CreateIndex
CREATE INDEX "OutboxMessage_channel_status_priority_nextAttemptAt_idx" ON "OutboxMessage"("channel", "status", "priority", "nextAttemptAt");

-- CreateIndex
CREATE INDEX "OutboxMessage_conversation_handedAt_idx" ON "OutboxMessage"("conversation", "handedAt");

-- CreateIndex
CREATE UNIQUE INDEX "StudyCheckin_messageId_key" ON "StudyCheckin"("messageId");

-- CreateIndex
CREATE INDEX "StudyCheckin_memberId_at_idx" ON "StudyCheckin"("memberId", "at");

-- CreateIndex
CREATE INDEX "StudyCheckin_candidateId_at_idx" ON "StudyCheckin"("candidateId", "at");

-- AddForeignKey
ALTER TABLE "Schedule" ADD CONSTRAINT "Schedule_groupId_fkey" FOREIGN KEY ("groupId") REFERENCES "LiaisonGroup"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Schedule" ADD CONSTRAINT "Schedule_areaId_fkey" FOREIGN KEY ("areaId") REFERENCES "Area"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StudyCheckin" ADD CONSTRAINT "StudyCheckin_memberId_fkey" FOREIGN KEY ("memberId") REFERENCES "ChatMember"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StudyCheckin" ADD CONSTRAINT "StudyCheckin_candidateId_fkey" FOREIGN KEY ("candidateId") REFERENCES "Candidate"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "StudyCheckin" ADD CONSTRAINT "StudyCheckin_groupId_fkey" FOREIGN KEY ("groupId") REFERENCES "LiaisonGroup"("id") ON DELETE SET NULL ON UPDATE CASCADE;


-- A schedule is for one group or for an area, never both or neither.
ALTER TABLE "Schedule" ADD CONSTRAINT "Schedule_target_check" CHECK (("groupId" IS NULL) <> ("areaId" IS NULL));
