-- 0006 Practices: the practices people write for themselves, every practice session with its check before
-- and after, and each person's practice settings (the breathing rate the resonance finder chose).
CREATE TABLE "OwnPractices" (
    "Id" uuid NOT NULL,
    "OwnerId" uuid NOT NULL,
    "Title" character varying(80) NOT NULL,
    "Summary" character varying(300) NOT NULL,
    "Group" character varying(16) NOT NULL,
    "States" character varying(40) NOT NULL,
    "Steps" character varying(16000) NOT NULL,
    "Minutes" integer NOT NULL,
    "Inhale" double precision,
    "HoldIn" double precision,
    "Exhale" double precision,
    "HoldOut" double precision,
    "Cautions" character varying(1000),
    "CreatedAt" timestamp with time zone NOT NULL,
    "UpdatedAt" timestamp with time zone NOT NULL,
    CONSTRAINT "PK_OwnPractices" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_OwnPractices_AspNetUsers_OwnerId" FOREIGN KEY ("OwnerId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);

CREATE TABLE "PracticePreferences" (
    "OwnerId" uuid NOT NULL,
    "ResonanceRate" double precision,
    "ResonanceBasis" character varying(16),
    "UpdatedAt" timestamp with time zone NOT NULL,
    CONSTRAINT "PK_PracticePreferences" PRIMARY KEY ("OwnerId"),
    CONSTRAINT "FK_PracticePreferences_AspNetUsers_OwnerId" FOREIGN KEY ("OwnerId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);

CREATE TABLE "PracticeSessions" (
    "Id" uuid NOT NULL,
    "OwnerId" uuid NOT NULL,
    "PracticeId" character varying(64) NOT NULL,
    "StartedAt" timestamp with time zone NOT NULL,
    "EndedAt" timestamp with time zone NOT NULL,
    "BeforeState" character varying(16) NOT NULL,
    "BeforeIntensity" integer NOT NULL,
    "AfterState" character varying(16) NOT NULL,
    "AfterIntensity" integer NOT NULL,
    "Effect" integer NOT NULL,
    "Rating" integer,
    "IdempotencyKey" character varying(100) NOT NULL,
    "CreatedAt" timestamp with time zone NOT NULL,
    CONSTRAINT "PK_PracticeSessions" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_PracticeSessions_AspNetUsers_OwnerId" FOREIGN KEY ("OwnerId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);

CREATE INDEX "IX_OwnPractices_OwnerId_Title" ON "OwnPractices" ("OwnerId", "Title");

CREATE UNIQUE INDEX "IX_PracticeSessions_OwnerId_IdempotencyKey" ON "PracticeSessions" ("OwnerId", "IdempotencyKey");

CREATE INDEX "IX_PracticeSessions_OwnerId_StartedAt" ON "PracticeSessions" ("OwnerId", "StartedAt");

CREATE INDEX "IX_PracticeSessions_PracticeId_BeforeState" ON "PracticeSessions" ("PracticeId", "BeforeState");
