-- Reverses 0010 Analysis cache.
ALTER TABLE "Recordings" DROP COLUMN "ContentVersion";
