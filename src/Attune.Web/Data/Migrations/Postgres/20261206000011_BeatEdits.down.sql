-- Reverses 0011 Beat edits.
DROP TABLE "BeatEdits";
ALTER TABLE "Recordings" DROP COLUMN "Channel";
