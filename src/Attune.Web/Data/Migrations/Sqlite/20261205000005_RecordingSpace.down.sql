-- Reverses 0005 Recording space.
ALTER TABLE "Recordings" DROP COLUMN "StoredBytes";
