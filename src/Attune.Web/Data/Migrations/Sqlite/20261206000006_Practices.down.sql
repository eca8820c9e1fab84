-- Reverses 0006 Practices.
DROP TABLE "PracticeSessions";
DROP TABLE "PracticePreferences";
DROP TABLE "OwnPractices";
