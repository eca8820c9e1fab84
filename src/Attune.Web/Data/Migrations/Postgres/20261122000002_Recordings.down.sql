-- Reverses 0002 Recordings.
DROP TABLE "Recordings";
