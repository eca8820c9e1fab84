-- Reverses 0019 In-session view.
DROP TABLE "InSessionRecords";
