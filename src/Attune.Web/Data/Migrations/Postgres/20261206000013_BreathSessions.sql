-- 0013 Breathe together: a session saved when it ends (who, when, rhythm, both states, outcome, summary figures and
-- the two heart-rate curves). Written after the model's create script.

CREATE TABLE "BreathSessions" (
    "Id" uuid NOT NULL,
    "OwnerId" uuid NOT NULL,
    "PartnerId" uuid NOT NULL,
    "CreatedAt" timestamp with time zone NOT NULL,
    "PacerStart" timestamp with time zone NOT NULL,
    "BreathsPerMinute" double precision NOT NULL,
    "PartnerJoinedAt" timestamp with time zone,
    "EndedAt" timestamp with time zone NOT NULL,
    "Outcome" character varying(16) NOT NULL,
    "OwnerBefore" character varying(16),
    "OwnerAfter" character varying(16),
    "PartnerBefore" character varying(16),
    "PartnerAfter" character varying(16),
    "OwnerMeanHeartRate" double precision,
    "PartnerMeanHeartRate" double precision,
    "Synchrony" double precision,
    "SynchronyP" double precision,
    "OwnerCurve" character varying(16000),
    "PartnerCurve" character varying(16000),
    CONSTRAINT "PK_BreathSessions" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_BreathSessions_AspNetUsers_OwnerId" FOREIGN KEY ("OwnerId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_BreathSessions_AspNetUsers_PartnerId" FOREIGN KEY ("PartnerId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);

CREATE INDEX "IX_BreathSessions_OwnerId_CreatedAt" ON "BreathSessions" ("OwnerId", "CreatedAt");

CREATE INDEX "IX_BreathSessions_PartnerId_CreatedAt" ON "BreathSessions" ("PartnerId", "CreatedAt");
