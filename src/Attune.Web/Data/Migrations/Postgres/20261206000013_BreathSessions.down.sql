-- Reverses 0013 Breathe together.
DROP TABLE "BreathSessions";
