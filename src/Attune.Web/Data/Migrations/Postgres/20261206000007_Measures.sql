-- 0007 Measures: filled-in well-being measures (WHO-5, PHQ-9, GAD-7, CSI-4) with the score the server computed, and
-- integration reflections (nine domains placed between chaos and rigidity). Both are read through the access layer
-- under the measures stream.
CREATE TABLE "MeasureResponses" (
    "Id" uuid NOT NULL,
    "OwnerId" uuid NOT NULL,
    "Kind" character varying(16) NOT NULL,
    "Answers" character varying(100) NOT NULL,
    "Total" integer NOT NULL,
    "Band" character varying(32) NOT NULL,
    "SafetyScreen" boolean NOT NULL,
    "TakenAt" timestamp with time zone NOT NULL,
    "IdempotencyKey" character varying(100),
    CONSTRAINT "PK_MeasureResponses" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_MeasureResponses_AspNetUsers_OwnerId" FOREIGN KEY ("OwnerId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);

CREATE TABLE "IntegrationReflections" (
    "Id" uuid NOT NULL,
    "OwnerId" uuid NOT NULL,
    "TakenAt" timestamp with time zone NOT NULL,
    "Consciousness" integer NOT NULL,
    "Horizontal" integer NOT NULL,
    "Vertical" integer NOT NULL,
    "Memory" integer NOT NULL,
    "Narrative" integer NOT NULL,
    "State" integer NOT NULL,
    "Interpersonal" integer NOT NULL,
    "Temporal" integer NOT NULL,
    "Transpirational" integer NOT NULL,
    "IdempotencyKey" character varying(100),
    CONSTRAINT "PK_IntegrationReflections" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_IntegrationReflections_AspNetUsers_OwnerId" FOREIGN KEY ("OwnerId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);

CREATE UNIQUE INDEX "IX_MeasureResponses_OwnerId_IdempotencyKey" ON "MeasureResponses" ("OwnerId", "IdempotencyKey");

CREATE INDEX "IX_MeasureResponses_OwnerId_Kind_TakenAt" ON "MeasureResponses" ("OwnerId", "Kind", "TakenAt");

CREATE UNIQUE INDEX "IX_IntegrationReflections_OwnerId_IdempotencyKey" ON "IntegrationReflections" ("OwnerId", "IdempotencyKey");

CREATE INDEX "IX_IntegrationReflections_OwnerId_TakenAt" ON "IntegrationReflections" ("OwnerId", "TakenAt");
