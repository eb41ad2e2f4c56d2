-- AlterTable
ALTER TABLE "LinkCode" ADD COLUMN     "accountId" TEXT,
ADD COLUMN     "usedAt" TIMESTAMP(3);

