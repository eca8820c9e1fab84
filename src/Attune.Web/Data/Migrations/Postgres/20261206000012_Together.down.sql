-- Reverses 0012 Together.
DROP TABLE "TogetherPreferences";
DROP TABLE "RitualMoments";
DROP TABLE "RepairParts";
DROP TABLE "Repairs";
DROP TABLE "FloodingBreaks";
DROP TABLE "PartnerInvites";
