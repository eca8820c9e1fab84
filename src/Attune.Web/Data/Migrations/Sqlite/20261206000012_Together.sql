-- 0012 Together: partner invitations, flooding breaks, repairs (one part per partner), ritual moments and each
-- person's Together preferences. Generated from the model's create script, then kept by hand.

CREATE TABLE "PartnerInvites" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_PartnerInvites" PRIMARY KEY,
    "InviterId" TEXT NOT NULL,
    "CodeHash" TEXT NOT NULL,
    "Streams" INTEGER NOT NULL,
    "CreatedAt" TEXT NOT NULL,
    "ExpiresAt" TEXT NOT NULL,
    "AcceptedAt" TEXT NULL,
    "AcceptedBy" TEXT NULL,
    "CancelledAt" TEXT NULL,
    CONSTRAINT "FK_PartnerInvites_AspNetUsers_AcceptedBy" FOREIGN KEY ("AcceptedBy") REFERENCES "AspNetUsers" ("Id") ON DELETE SET NULL,
    CONSTRAINT "FK_PartnerInvites_AspNetUsers_InviterId" FOREIGN KEY ("InviterId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);

CREATE INDEX "IX_PartnerInvites_AcceptedBy" ON "PartnerInvites" ("AcceptedBy");

CREATE UNIQUE INDEX "IX_PartnerInvites_CodeHash" ON "PartnerInvites" ("CodeHash");

CREATE INDEX "IX_PartnerInvites_InviterId" ON "PartnerInvites" ("InviterId");

CREATE TABLE "FloodingBreaks" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_FloodingBreaks" PRIMARY KEY,
    "OwnerId" TEXT NOT NULL,
    "StartedAt" TEXT NOT NULL,
    "ReturnAt" TEXT NOT NULL,
    "EndedAt" TEXT NULL,
    "Note" TEXT NULL,
    "ReturnReminderSentAt" TEXT NULL,
    CONSTRAINT "FK_FloodingBreaks_AspNetUsers_OwnerId" FOREIGN KEY ("OwnerId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);

CREATE INDEX "IX_FloodingBreaks_OwnerId_StartedAt" ON "FloodingBreaks" ("OwnerId", "StartedAt");

CREATE INDEX "IX_FloodingBreaks_ReturnAt" ON "FloodingBreaks" ("ReturnAt") WHERE "EndedAt" IS NULL AND "ReturnReminderSentAt" IS NULL;

CREATE TABLE "Repairs" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_Repairs" PRIMARY KEY,
    "OwnerId" TEXT NOT NULL,
    "PartnerId" TEXT NOT NULL,
    "RuptureAt" TEXT NOT NULL,
    "StartedAt" TEXT NOT NULL,
    "CompletedAt" TEXT NULL,
    "Agreement" TEXT NULL,
    CONSTRAINT "FK_Repairs_AspNetUsers_OwnerId" FOREIGN KEY ("OwnerId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_Repairs_AspNetUsers_PartnerId" FOREIGN KEY ("PartnerId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);

CREATE INDEX "IX_Repairs_OwnerId_StartedAt" ON "Repairs" ("OwnerId", "StartedAt");

CREATE INDEX "IX_Repairs_PartnerId_StartedAt" ON "Repairs" ("PartnerId", "StartedAt");

CREATE TABLE "RepairParts" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_RepairParts" PRIMARY KEY,
    "OwnerId" TEXT NOT NULL,
    "RepairId" TEXT NOT NULL,
    "StateBefore" TEXT NOT NULL,
    "StateAfter" TEXT NULL,
    "Move" TEXT NULL,
    "JoinedAt" TEXT NOT NULL,
    "DoneAt" TEXT NULL,
    CONSTRAINT "FK_RepairParts_AspNetUsers_OwnerId" FOREIGN KEY ("OwnerId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_RepairParts_Repairs_RepairId" FOREIGN KEY ("RepairId") REFERENCES "Repairs" ("Id") ON DELETE CASCADE
);

CREATE INDEX "IX_RepairParts_OwnerId" ON "RepairParts" ("OwnerId");

CREATE UNIQUE INDEX "IX_RepairParts_RepairId_OwnerId" ON "RepairParts" ("RepairId", "OwnerId");

CREATE TABLE "RitualMoments" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_RitualMoments" PRIMARY KEY,
    "OwnerId" TEXT NOT NULL,
    "Kind" TEXT NOT NULL,
    "At" TEXT NOT NULL,
    "LocalDate" TEXT NOT NULL,
    "Text" TEXT NULL,
    "QuestionNumber" INTEGER NULL,
    CONSTRAINT "FK_RitualMoments_AspNetUsers_OwnerId" FOREIGN KEY ("OwnerId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);

CREATE INDEX "IX_RitualMoments_OwnerId_LocalDate" ON "RitualMoments" ("OwnerId", "LocalDate");

CREATE TABLE "TogetherPreferences" (
    "OwnerId" TEXT NOT NULL CONSTRAINT "PK_TogetherPreferences" PRIMARY KEY,
    "NotifyByPush" INTEGER NOT NULL,
    "UpdatedAt" TEXT NOT NULL,
    CONSTRAINT "FK_TogetherPreferences_AspNetUsers_OwnerId" FOREIGN KEY ("OwnerId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);
