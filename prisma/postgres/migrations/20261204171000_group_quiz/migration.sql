-- CreateTable
CREATE TABLE "GroupQuizRound" (
    "id" TEXT NOT NULL,
    "groupId" TEXT NOT NULL,
    "day" TEXT NOT NULL,
    "questionId" TEXT NOT NULL,
    "lessonId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "GroupQuizRound_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "GroupQuizAnswer" (
    "roundId" TEXT NOT NULL,
    "learnerId" TEXT NOT NULL,
    "choice" INTEGER NOT NULL,
    "correct" BOOLEAN NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "GroupQuizAnswer_pkey" PRIMARY KEY ("roundId","learnerId")
);

-- CreateIndex
CREATE UNIQUE INDEX "GroupQuizRound_groupId_day_key" ON "GroupQuizRound"("groupId", "day");

-- CreateIndex
CREATE INDEX "GroupQuizAnswer_learnerId_idx" ON "GroupQuizAnswer"("learnerId");

