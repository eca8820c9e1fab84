-- 0013 Breathe together: a session saved when it ends (who, when, rhythm, both states, outcome, summary figures and
-- the two heart-rate curves). Written after the model's create script.

CREATE TABLE "BreathSessions" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_BreathSessions" PRIMARY KEY,
    "OwnerId" TEXT NOT NULL,
    "PartnerId" TEXT NOT NULL,
    "CreatedAt" TEXT NOT NULL,
    "PacerStart" TEXT NOT NULL,
    "BreathsPerMinute" REAL NOT NULL,
    "PartnerJoinedAt" TEXT NULL,
    "EndedAt" TEXT NOT NULL,
    "Outcome" TEXT NOT NULL,
    "OwnerBefore" TEXT NULL,
    "OwnerAfter" TEXT NULL,
    "PartnerBefore" TEXT NULL,
    "PartnerAfter" TEXT NULL,
    "OwnerMeanHeartRate" REAL NULL,
    "PartnerMeanHeartRate" REAL NULL,
    "Synchrony" REAL NULL,
    "SynchronyP" REAL NULL,
    "OwnerCurve" TEXT NULL,
    "PartnerCurve" TEXT NULL,
    CONSTRAINT "FK_BreathSessions_AspNetUsers_OwnerId" FOREIGN KEY ("OwnerId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_BreathSessions_AspNetUsers_PartnerId" FOREIGN KEY ("PartnerId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);

CREATE INDEX "IX_BreathSessions_OwnerId_CreatedAt" ON "BreathSessions" ("OwnerId", "CreatedAt");

CREATE INDEX "IX_BreathSessions_PartnerId_CreatedAt" ON "BreathSessions" ("PartnerId", "CreatedAt");
