-- CreateIndex
CREATE INDEX "ArchivedMessage_memberId_idx" ON "ArchivedMessage"("memberId");

-- CreateIndex
CREATE INDEX "FeedbackItem_authorId_idx" ON "FeedbackItem"("authorId");

