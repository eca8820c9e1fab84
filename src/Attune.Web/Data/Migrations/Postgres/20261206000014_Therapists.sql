-- 0014 Therapists: practices, the therapist role, therapists' invitation codes, homework and psychotherapy notes.
-- Consent itself is a grant of kind Therapist in the existing Grants table. Generated from the model's create script, then kept by hand.

CREATE TABLE "TherapyPractices" (
    "Id" uuid NOT NULL,
    "Name" character varying(100) NOT NULL,
    "CreatedAt" timestamp with time zone NOT NULL,
    CONSTRAINT "PK_TherapyPractices" PRIMARY KEY ("Id")
);

CREATE TABLE "Homework" (
    "Id" uuid NOT NULL,
    "TherapistId" uuid NOT NULL,
    "ClientId" uuid NOT NULL,
    "Kind" character varying(16) NOT NULL,
    "Item" character varying(64) NOT NULL,
    "TimesPerWeek" integer NOT NULL,
    "Note" character varying(500),
    "StartsAt" timestamp with time zone NOT NULL,
    "EndedAt" timestamp with time zone,
    CONSTRAINT "PK_Homework" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_Homework_AspNetUsers_ClientId" FOREIGN KEY ("ClientId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_Homework_AspNetUsers_TherapistId" FOREIGN KEY ("TherapistId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);

CREATE TABLE "TherapistInvites" (
    "Id" uuid NOT NULL,
    "TherapistId" uuid NOT NULL,
    "CodeHash" character varying(64) NOT NULL,
    "CreatedAt" timestamp with time zone NOT NULL,
    "ExpiresAt" timestamp with time zone NOT NULL,
    "AcceptedAt" timestamp with time zone,
    "AcceptedBy" uuid,
    "CancelledAt" timestamp with time zone,
    CONSTRAINT "PK_TherapistInvites" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_TherapistInvites_AspNetUsers_AcceptedBy" FOREIGN KEY ("AcceptedBy") REFERENCES "AspNetUsers" ("Id") ON DELETE SET NULL,
    CONSTRAINT "FK_TherapistInvites_AspNetUsers_TherapistId" FOREIGN KEY ("TherapistId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);

CREATE TABLE "TherapyNotes" (
    "Id" uuid NOT NULL,
    "TherapistId" uuid NOT NULL,
    "ClientId" uuid NOT NULL,
    "Text" character varying(8000) NOT NULL,
    "CreatedAt" timestamp with time zone NOT NULL,
    CONSTRAINT "PK_TherapyNotes" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_TherapyNotes_AspNetUsers_ClientId" FOREIGN KEY ("ClientId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_TherapyNotes_AspNetUsers_TherapistId" FOREIGN KEY ("TherapistId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);

CREATE TABLE "Therapists" (
    "UserId" uuid NOT NULL,
    "PracticeId" uuid NOT NULL,
    "GrantedAt" timestamp with time zone NOT NULL,
    CONSTRAINT "PK_Therapists" PRIMARY KEY ("UserId"),
    CONSTRAINT "FK_Therapists_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_Therapists_TherapyPractices_PracticeId" FOREIGN KEY ("PracticeId") REFERENCES "TherapyPractices" ("Id") ON DELETE RESTRICT
);

CREATE INDEX "IX_Homework_ClientId_TherapistId" ON "Homework" ("ClientId", "TherapistId");

CREATE INDEX "IX_Homework_TherapistId" ON "Homework" ("TherapistId");

CREATE INDEX "IX_TherapistInvites_AcceptedBy" ON "TherapistInvites" ("AcceptedBy");

CREATE UNIQUE INDEX "IX_TherapistInvites_CodeHash" ON "TherapistInvites" ("CodeHash");

CREATE INDEX "IX_TherapistInvites_TherapistId" ON "TherapistInvites" ("TherapistId");

CREATE INDEX "IX_Therapists_PracticeId" ON "Therapists" ("PracticeId");

CREATE INDEX "IX_TherapyNotes_ClientId" ON "TherapyNotes" ("ClientId");

CREATE INDEX "IX_TherapyNotes_TherapistId_ClientId_CreatedAt" ON "TherapyNotes" ("TherapistId", "ClientId", "CreatedAt");

CREATE UNIQUE INDEX "IX_TherapyPractices_Name" ON "TherapyPractices" ("Name");
