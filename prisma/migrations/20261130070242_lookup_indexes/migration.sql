-- CreateIndex
CREATE INDEX "FeedbackItem_candidateId_idx" ON "FeedbackItem"("candidateId");

-- CreateIndex
CREATE INDEX "Schedule_groupId_idx" ON "Schedule"("groupId");

-- CreateIndex
CREATE INDEX "Schedule_areaId_idx" ON "Schedule"("areaId");

-- CreateIndex
CREATE INDEX "OutboxMessage_status_channel_idx" ON "OutboxMessage"("status", "channel");

-- CreateIndex
CREATE INDEX "StudyCheckin_at_idx" ON "StudyCheckin"("at");

