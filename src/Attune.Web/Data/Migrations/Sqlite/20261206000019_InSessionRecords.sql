-- 0019 In-session view: a therapist and a client, live; written when the client agrees for the session (with the consent
-- text's version), completed when it ends. Written after the model's create script.

CREATE TABLE "InSessionRecords" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_InSessionRecords" PRIMARY KEY,
    "OwnerId" TEXT NOT NULL,
    "TherapistId" TEXT NOT NULL,
    "CreatedAt" TEXT NOT NULL,
    "ConsentVersion" INTEGER NOT NULL,
    "ConsentedAt" TEXT NOT NULL,
    "RevokedAt" TEXT NULL,
    "EndedAt" TEXT NULL,
    "Outcome" TEXT NULL,
    "ClientBefore" TEXT NULL,
    "ClientAfter" TEXT NULL,
    "TherapistMeanHeartRate" REAL NULL,
    "ClientMeanHeartRate" REAL NULL,
    "Synchrony" REAL NULL,
    "SynchronyP" REAL NULL,
    "TherapistCurve" TEXT NULL,
    "ClientCurve" TEXT NULL,
    CONSTRAINT "FK_InSessionRecords_AspNetUsers_OwnerId" FOREIGN KEY ("OwnerId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_InSessionRecords_AspNetUsers_TherapistId" FOREIGN KEY ("TherapistId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);

CREATE INDEX "IX_InSessionRecords_OwnerId_CreatedAt" ON "InSessionRecords" ("OwnerId", "CreatedAt");

CREATE INDEX "IX_InSessionRecords_TherapistId_CreatedAt" ON "InSessionRecords" ("TherapistId", "CreatedAt");
