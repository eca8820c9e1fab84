-- Reverses 0004 Check-ins.
DROP TABLE "DemoAccounts";
DROP TABLE "PushSubscriptions";
DROP TABLE "CheckInPreferences";
DROP TABLE "CustomEmotions";
DROP TABLE "CheckIns";
