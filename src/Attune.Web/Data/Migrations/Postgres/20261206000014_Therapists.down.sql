-- Reverses 0014 Therapists.
DROP TABLE "TherapyNotes";
DROP TABLE "Homework";
DROP TABLE "TherapistInvites";
DROP TABLE "Therapists";
DROP TABLE "TherapyPractices";
