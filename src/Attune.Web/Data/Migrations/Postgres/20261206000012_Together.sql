-- 0012 Together: partner invitations, flooding breaks, repairs (one part per partner), ritual moments and each
-- person's Together preferences. Generated from the model's create script, then kept by hand.

CREATE TABLE "PartnerInvites" (
    "Id" uuid NOT NULL,
    "InviterId" uuid NOT NULL,
    "CodeHash" character varying(64) NOT NULL,
    "Streams" integer NOT NULL,
    "CreatedAt" timestamp with time zone NOT NULL,
    "ExpiresAt" timestamp with time zone NOT NULL,
    "AcceptedAt" timestamp with time zone,
    "AcceptedBy" uuid,
    "CancelledAt" timestamp with time zone,
    CONSTRAINT "PK_PartnerInvites" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_PartnerInvites_AspNetUsers_AcceptedBy" FOREIGN KEY ("AcceptedBy") REFERENCES "AspNetUsers" ("Id") ON DELETE SET NULL,
    CONSTRAINT "FK_PartnerInvites_AspNetUsers_InviterId" FOREIGN KEY ("InviterId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);

CREATE INDEX "IX_PartnerInvites_AcceptedBy" ON "PartnerInvites" ("AcceptedBy");

CREATE UNIQUE INDEX "IX_PartnerInvites_CodeHash" ON "PartnerInvites" ("CodeHash");

CREATE INDEX "IX_PartnerInvites_InviterId" ON "PartnerInvites" ("InviterId");

CREATE TABLE "FloodingBreaks" (
    "Id" uuid NOT NULL,
    "OwnerId" uuid NOT NULL,
    "StartedAt" timestamp with time zone NOT NULL,
    "ReturnAt" timestamp with time zone NOT NULL,
    "EndedAt" timestamp with time zone,
    "Note" character varying(200),
    "ReturnReminderSentAt" timestamp with time zone,
    CONSTRAINT "PK_FloodingBreaks" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_FloodingBreaks_AspNetUsers_OwnerId" FOREIGN KEY ("OwnerId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);

CREATE INDEX "IX_FloodingBreaks_OwnerId_StartedAt" ON "FloodingBreaks" ("OwnerId", "StartedAt");

CREATE INDEX "IX_FloodingBreaks_ReturnAt" ON "FloodingBreaks" ("ReturnAt") WHERE "EndedAt" IS NULL AND "ReturnReminderSentAt" IS NULL;

CREATE TABLE "Repairs" (
    "Id" uuid NOT NULL,
    "OwnerId" uuid NOT NULL,
    "PartnerId" uuid NOT NULL,
    "RuptureAt" timestamp with time zone NOT NULL,
    "StartedAt" timestamp with time zone NOT NULL,
    "CompletedAt" timestamp with time zone,
    "Agreement" character varying(500),
    CONSTRAINT "PK_Repairs" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_Repairs_AspNetUsers_OwnerId" FOREIGN KEY ("OwnerId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_Repairs_AspNetUsers_PartnerId" FOREIGN KEY ("PartnerId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);

CREATE INDEX "IX_Repairs_OwnerId_StartedAt" ON "Repairs" ("OwnerId", "StartedAt");

CREATE INDEX "IX_Repairs_PartnerId_StartedAt" ON "Repairs" ("PartnerId", "StartedAt");

CREATE TABLE "RepairParts" (
    "Id" uuid NOT NULL,
    "OwnerId" uuid NOT NULL,
    "RepairId" uuid NOT NULL,
    "StateBefore" character varying(16) NOT NULL,
    "StateAfter" character varying(16),
    "Move" character varying(16),
    "JoinedAt" timestamp with time zone NOT NULL,
    "DoneAt" timestamp with time zone,
    CONSTRAINT "PK_RepairParts" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_RepairParts_AspNetUsers_OwnerId" FOREIGN KEY ("OwnerId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_RepairParts_Repairs_RepairId" FOREIGN KEY ("RepairId") REFERENCES "Repairs" ("Id") ON DELETE CASCADE
);

CREATE INDEX "IX_RepairParts_OwnerId" ON "RepairParts" ("OwnerId");

CREATE UNIQUE INDEX "IX_RepairParts_RepairId_OwnerId" ON "RepairParts" ("RepairId", "OwnerId");

CREATE TABLE "RitualMoments" (
    "Id" uuid NOT NULL,
    "OwnerId" uuid NOT NULL,
    "Kind" character varying(16) NOT NULL,
    "At" timestamp with time zone NOT NULL,
    "LocalDate" date NOT NULL,
    "Text" character varying(500),
    "QuestionNumber" integer,
    CONSTRAINT "PK_RitualMoments" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_RitualMoments_AspNetUsers_OwnerId" FOREIGN KEY ("OwnerId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);

CREATE INDEX "IX_RitualMoments_OwnerId_LocalDate" ON "RitualMoments" ("OwnerId", "LocalDate");

CREATE TABLE "TogetherPreferences" (
    "OwnerId" uuid NOT NULL,
    "NotifyByPush" boolean NOT NULL,
    "UpdatedAt" timestamp with time zone NOT NULL,
    CONSTRAINT "PK_TogetherPreferences" PRIMARY KEY ("OwnerId"),
    CONSTRAINT "FK_TogetherPreferences_AspNetUsers_OwnerId" FOREIGN KEY ("OwnerId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);
