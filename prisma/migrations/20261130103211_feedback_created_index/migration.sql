-- CreateIndex
CREATE INDEX "FeedbackItem_createdAt_areaId_idx" ON "FeedbackItem"("createdAt", "areaId");

