-- 0006 Practices: the practices people write for themselves, every practice session with its check before
-- and after, and each person's practice settings (the breathing rate the resonance finder chose).
CREATE TABLE "OwnPractices" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_OwnPractices" PRIMARY KEY,
    "OwnerId" TEXT NOT NULL,
    "Title" TEXT NOT NULL,
    "Summary" TEXT NOT NULL,
    "Group" TEXT NOT NULL,
    "States" TEXT NOT NULL,
    "Steps" TEXT NOT NULL,
    "Minutes" INTEGER NOT NULL,
    "Inhale" REAL NULL,
    "HoldIn" REAL NULL,
    "Exhale" REAL NULL,
    "HoldOut" REAL NULL,
    "Cautions" TEXT NULL,
    "CreatedAt" TEXT NOT NULL,
    "UpdatedAt" TEXT NOT NULL,
    CONSTRAINT "FK_OwnPractices_AspNetUsers_OwnerId" FOREIGN KEY ("OwnerId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);

CREATE TABLE "PracticePreferences" (
    "OwnerId" TEXT NOT NULL CONSTRAINT "PK_PracticePreferences" PRIMARY KEY,
    "ResonanceRate" REAL NULL,
    "ResonanceBasis" TEXT NULL,
    "UpdatedAt" TEXT NOT NULL,
    CONSTRAINT "FK_PracticePreferences_AspNetUsers_OwnerId" FOREIGN KEY ("OwnerId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);

CREATE TABLE "PracticeSessions" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_PracticeSessions" PRIMARY KEY,
    "OwnerId" TEXT NOT NULL,
    "PracticeId" TEXT NOT NULL,
    "StartedAt" TEXT NOT NULL,
    "EndedAt" TEXT NOT NULL,
    "BeforeState" TEXT NOT NULL,
    "BeforeIntensity" INTEGER NOT NULL,
    "AfterState" TEXT NOT NULL,
    "AfterIntensity" INTEGER NOT NULL,
    "Effect" INTEGER NOT NULL,
    "Rating" INTEGER NULL,
    "IdempotencyKey" TEXT NOT NULL,
    "CreatedAt" TEXT NOT NULL,
    CONSTRAINT "FK_PracticeSessions_AspNetUsers_OwnerId" FOREIGN KEY ("OwnerId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);

CREATE INDEX "IX_OwnPractices_OwnerId_Title" ON "OwnPractices" ("OwnerId", "Title");

CREATE UNIQUE INDEX "IX_PracticeSessions_OwnerId_IdempotencyKey" ON "PracticeSessions" ("OwnerId", "IdempotencyKey");

CREATE INDEX "IX_PracticeSessions_OwnerId_StartedAt" ON "PracticeSessions" ("OwnerId", "StartedAt");

CREATE INDEX "IX_PracticeSessions_PracticeId_BeforeState" ON "PracticeSessions" ("PracticeId", "BeforeState");
