-- 0007 Measures: filled-in well-being measures (WHO-5, PHQ-9, GAD-7, CSI-4) with the score the server computed, and
-- integration reflections (nine domains placed between chaos and rigidity). Both are read through the access layer
-- under the measures stream.
CREATE TABLE "MeasureResponses" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_MeasureResponses" PRIMARY KEY,
    "OwnerId" TEXT NOT NULL,
    "Kind" TEXT NOT NULL,
    "Answers" TEXT NOT NULL,
    "Total" INTEGER NOT NULL,
    "Band" TEXT NOT NULL,
    "SafetyScreen" INTEGER NOT NULL,
    "TakenAt" TEXT NOT NULL,
    "IdempotencyKey" TEXT NULL,
    CONSTRAINT "FK_MeasureResponses_AspNetUsers_OwnerId" FOREIGN KEY ("OwnerId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);

CREATE TABLE "IntegrationReflections" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_IntegrationReflections" PRIMARY KEY,
    "OwnerId" TEXT NOT NULL,
    "TakenAt" TEXT NOT NULL,
    "Consciousness" INTEGER NOT NULL,
    "Horizontal" INTEGER NOT NULL,
    "Vertical" INTEGER NOT NULL,
    "Memory" INTEGER NOT NULL,
    "Narrative" INTEGER NOT NULL,
    "State" INTEGER NOT NULL,
    "Interpersonal" INTEGER NOT NULL,
    "Temporal" INTEGER NOT NULL,
    "Transpirational" INTEGER NOT NULL,
    "IdempotencyKey" TEXT NULL,
    CONSTRAINT "FK_IntegrationReflections_AspNetUsers_OwnerId" FOREIGN KEY ("OwnerId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);

CREATE UNIQUE INDEX "IX_MeasureResponses_OwnerId_IdempotencyKey" ON "MeasureResponses" ("OwnerId", "IdempotencyKey");

CREATE INDEX "IX_MeasureResponses_OwnerId_Kind_TakenAt" ON "MeasureResponses" ("OwnerId", "Kind", "TakenAt");

CREATE UNIQUE INDEX "IX_IntegrationReflections_OwnerId_IdempotencyKey" ON "IntegrationReflections" ("OwnerId", "IdempotencyKey");

CREATE INDEX "IX_IntegrationReflections_OwnerId_TakenAt" ON "IntegrationReflections" ("OwnerId", "TakenAt");
