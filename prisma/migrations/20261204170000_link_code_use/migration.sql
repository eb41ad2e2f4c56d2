-- AlterTable
ALTER TABLE "LinkCode" ADD COLUMN "accountId" TEXT;
ALTER TABLE "LinkCode" ADD COLUMN "usedAt" DATETIME;

