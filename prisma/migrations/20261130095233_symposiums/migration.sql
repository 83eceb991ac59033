-- CreateEnum
CREATE TYPE "SymposiumState" AS ENUM ('draft', 'asking', 'invited', 'held', 'cancelled');

-- CreateTable
CREATE TABLE "SymposiumCampaign" (
    "id" SERIAL NOT NULL,
    "townshipId" INTEGER NOT NULL,
    "season" TEXT NOT NULL,
    "seasonKind" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "windowStart" TEXT NOT NULL,
    "windowEnd" TEXT NOT NULL,
    "state" "SymposiumState" NOT NULL DEFAULT 'draft',
    "createdById" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "confirmedById" INTEGER,
    "confirmedAt" TIMESTAMP(3),
    "askedAt" TIMESTAMP(3),
    "date" TEXT,
    "startsAt" TIMESTAMP(3),
    "place" TEXT,
    "agenda" TEXT,
    "revision" INTEGER NOT NULL DEFAULT 0,
    "invitedAt" TIMESTAMP(3),
    "minutes" TEXT,
    "minutesAt" TIMESTAMP(3),

    CONSTRAINT "SymposiumCampaign_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SymposiumInvitee" (
    "id" SERIAL NOT NULL,
    "campaignId" INTEGER NOT NULL,
    "candidateId" INTEGER NOT NULL,
    "homeStatus" TEXT,
    "homeFrom" TEXT,
    "homeTo" TEXT,
    "homeText" TEXT,
    "homeAt" TIMESTAMP(3),
    "homeNudgedAt" TIMESTAMP(3),
    "invitedAt" TIMESTAMP(3),
    "rsvp" TEXT,
    "rsvpReason" TEXT,
    "rsvpAt" TIMESTAMP(3),
    "rsvpNudgedAt" TIMESTAMP(3),
    "eveRemindedAt" TIMESTAMP(3),
    "soonRemindedAt" TIMESTAMP(3),
    "signedInAt" TIMESTAMP(3),
    "signedInBy" TEXT,

    CONSTRAINT "SymposiumInvitee_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SymposiumIdea" (
    "feedbackId" INTEGER NOT NULL,
    "campaignId" INTEGER NOT NULL,

    CONSTRAINT "SymposiumIdea_pkey" PRIMARY KEY ("feedbackId")
);

-- CreateIndex
CREATE INDEX "SymposiumCampaign_state_idx" ON "SymposiumCampaign"("state");

-- CreateIndex
CREATE UNIQUE INDEX "SymposiumCampaign_townshipId_season_year_key" ON "SymposiumCampaign"("townshipId", "season", "year");

-- CreateIndex
CREATE INDEX "SymposiumInvitee_candidateId_idx" ON "SymposiumInvitee"("candidateId");

-- CreateIndex
CREATE UNIQUE INDEX "SymposiumInvitee_campaignId_candidateId_key" ON "SymposiumInvitee"("campaignId", "candidateId");

-- CreateIndex
CREATE INDEX "SymposiumIdea_campaignId_idx" ON "SymposiumIdea"("campaignId");

-- AddForeignKey
ALTER TABLE "SymposiumCampaign" ADD CONSTRAINT "SymposiumCampaign_townshipId_fkey" FOREIGN KEY ("townshipId") REFERENCES "Area"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SymposiumInvitee" ADD CONSTRAINT "SymposiumInvitee_campaignId_fkey" FOREIGN KEY ("campaignId") REFERENCES "SymposiumCampaign"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SymposiumInvitee" ADD CONSTRAINT "SymposiumInvitee_candidateId_fkey" FOREIGN KEY ("candidateId") REFERENCES "Candidate"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SymposiumIdea" ADD CONSTRAINT "SymposiumIdea_feedbackId_fkey" FOREIGN KEY ("feedbackId") REFERENCES "FeedbackItem"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SymposiumIdea" ADD CONSTRAINT "SymposiumIdea_campaignId_fkey" FOREIGN KEY ("campaignId") REFERENCES "SymposiumCampaign"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

