-- CreateTable
CREATE TABLE "GroupQuizRound" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "groupId" TEXT NOT NULL,
    "day" TEXT NOT NULL,
    "questionId" TEXT NOT NULL,
    "lessonId" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "GroupQuizAnswer" (
    "roundId" TEXT NOT NULL,
    "learnerId" TEXT NOT NULL,
    "choice" INTEGER NOT NULL,
    "correct" BOOLEAN NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("roundId", "learnerId")
);

-- CreateIndex
CREATE UNIQUE INDEX "GroupQuizRound_groupId_day_key" ON "GroupQuizRound"("groupId", "day");

-- CreateIndex
CREATE INDEX "GroupQuizAnswer_learnerId_idx" ON "GroupQuizAnswer"("learnerId");

