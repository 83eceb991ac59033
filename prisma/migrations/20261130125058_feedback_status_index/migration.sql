-- CreateIndex
CREATE INDEX "FeedbackItem_status_id_areaId_idx" ON "FeedbackItem"("status", "id", "areaId");

