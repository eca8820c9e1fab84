-- 0019 In-session view: a therapist and a client, live; written when the client agrees for the session (with the consent
-- text's version), completed when it ends. Written after the model's create script.

CREATE TABLE "InSessionRecords" (
    "Id" uuid NOT NULL,
    "OwnerId" uuid NOT NULL,
    "TherapistId" uuid NOT NULL,
    "CreatedAt" timestamp with time zone NOT NULL,
    "ConsentVersion" integer NOT NULL,
    "ConsentedAt" timestamp with time zone NOT NULL,
    "RevokedAt" timestamp with time zone,
    "EndedAt" timestamp with time zone,
    "Outcome" character varying(16),
    "ClientBefore" character varying(16),
    "ClientAfter" character varying(16),
    "TherapistMeanHeartRate" double precision,
    "ClientMeanHeartRate" double precision,
    "Synchrony" double precision,
    "SynchronyP" double precision,
    "TherapistCurve" character varying(16000),
    "ClientCurve" character varying(16000),
    CONSTRAINT "PK_InSessionRecords" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_InSessionRecords_AspNetUsers_OwnerId" FOREIGN KEY ("OwnerId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_InSessionRecords_AspNetUsers_TherapistId" FOREIGN KEY ("TherapistId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);

CREATE INDEX "IX_InSessionRecords_OwnerId_CreatedAt" ON "InSessionRecords" ("OwnerId", "CreatedAt");

CREATE INDEX "IX_InSessionRecords_TherapistId_CreatedAt" ON "InSessionRecords" ("TherapistId", "CreatedAt");
