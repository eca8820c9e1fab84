-- 0014 Therapists: practices, the therapist role, therapists' invitation codes, homework and psychotherapy notes.
-- Consent itself is a grant of kind Therapist in the existing Grants table. Generated from the model's create script, then kept by hand.

CREATE TABLE "TherapyPractices" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_TherapyPractices" PRIMARY KEY,
    "Name" TEXT NOT NULL,
    "CreatedAt" TEXT NOT NULL
);

CREATE TABLE "Homework" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_Homework" PRIMARY KEY,
    "TherapistId" TEXT NOT NULL,
    "ClientId" TEXT NOT NULL,
    "Kind" TEXT NOT NULL,
    "Item" TEXT NOT NULL,
    "TimesPerWeek" INTEGER NOT NULL,
    "Note" TEXT NULL,
    "StartsAt" TEXT NOT NULL,
    "EndedAt" TEXT NULL,
    CONSTRAINT "FK_Homework_AspNetUsers_ClientId" FOREIGN KEY ("ClientId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_Homework_AspNetUsers_TherapistId" FOREIGN KEY ("TherapistId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);

CREATE TABLE "TherapistInvites" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_TherapistInvites" PRIMARY KEY,
    "TherapistId" TEXT NOT NULL,
    "CodeHash" TEXT NOT NULL,
    "CreatedAt" TEXT NOT NULL,
    "ExpiresAt" TEXT NOT NULL,
    "AcceptedAt" TEXT NULL,
    "AcceptedBy" TEXT NULL,
    "CancelledAt" TEXT NULL,
    CONSTRAINT "FK_TherapistInvites_AspNetUsers_AcceptedBy" FOREIGN KEY ("AcceptedBy") REFERENCES "AspNetUsers" ("Id") ON DELETE SET NULL,
    CONSTRAINT "FK_TherapistInvites_AspNetUsers_TherapistId" FOREIGN KEY ("TherapistId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);

CREATE TABLE "TherapyNotes" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_TherapyNotes" PRIMARY KEY,
    "TherapistId" TEXT NOT NULL,
    "ClientId" TEXT NOT NULL,
    "Text" TEXT NOT NULL,
    "CreatedAt" TEXT NOT NULL,
    CONSTRAINT "FK_TherapyNotes_AspNetUsers_ClientId" FOREIGN KEY ("ClientId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_TherapyNotes_AspNetUsers_TherapistId" FOREIGN KEY ("TherapistId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);

CREATE TABLE "Therapists" (
    "UserId" TEXT NOT NULL CONSTRAINT "PK_Therapists" PRIMARY KEY,
    "PracticeId" TEXT NOT NULL,
    "GrantedAt" TEXT NOT NULL,
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
