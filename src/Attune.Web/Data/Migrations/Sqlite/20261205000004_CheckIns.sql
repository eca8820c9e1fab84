-- 0004 Check-ins: check-ins (state, words, body, context), a person's own words, their check-in
-- settings (default visibility, reminders, calendar feed), the browsers that receive reminders, and
-- the marks on demo accounts made with sample data.
CREATE TABLE "CheckInPreferences" (
    "OwnerId" TEXT NOT NULL CONSTRAINT "PK_CheckInPreferences" PRIMARY KEY,
    "DefaultVisibility" TEXT NOT NULL,
    "ReminderTimes" TEXT NOT NULL,
    "RandomPerDay" INTEGER NOT NULL,
    "RandomFromMinute" INTEGER NOT NULL,
    "RandomToMinute" INTEGER NOT NULL,
    "LastReminderAt" TEXT NULL,
    "NextReminderAt" TEXT NULL,
    "CalendarFeedHash" TEXT NULL,
    "UpdatedAt" TEXT NOT NULL,
    CONSTRAINT "FK_CheckInPreferences_AspNetUsers_OwnerId" FOREIGN KEY ("OwnerId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);

CREATE TABLE "CheckIns" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_CheckIns" PRIMARY KEY,
    "OwnerId" TEXT NOT NULL,
    "OccurredAt" TEXT NOT NULL,
    "TimeZone" TEXT NOT NULL,
    "LocalDate" TEXT NOT NULL,
    "LocalMinute" INTEGER NOT NULL,
    "State" TEXT NOT NULL,
    "Intensity" INTEGER NOT NULL,
    "Blend" TEXT NULL,
    "Emotions" TEXT NOT NULL,
    "Body" TEXT NOT NULL,
    "Context" TEXT NOT NULL,
    "Stress" INTEGER NULL,
    "SleepHours" REAL NULL,
    "Note" TEXT NULL,
    "Visibility" TEXT NOT NULL,
    "IdempotencyKey" TEXT NULL,
    "CreatedAt" TEXT NOT NULL,
    "UpdatedAt" TEXT NOT NULL,
    CONSTRAINT "FK_CheckIns_AspNetUsers_OwnerId" FOREIGN KEY ("OwnerId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);

CREATE TABLE "CustomEmotions" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_CustomEmotions" PRIMARY KEY,
    "OwnerId" TEXT NOT NULL,
    "Name" TEXT NOT NULL,
    "NormalizedName" TEXT NOT NULL,
    "Definition" TEXT NULL,
    "Pleasantness" INTEGER NOT NULL,
    "Energy" INTEGER NOT NULL,
    "CreatedAt" TEXT NOT NULL,
    CONSTRAINT "FK_CustomEmotions_AspNetUsers_OwnerId" FOREIGN KEY ("OwnerId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);

CREATE TABLE "PushSubscriptions" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_PushSubscriptions" PRIMARY KEY,
    "OwnerId" TEXT NOT NULL,
    "Endpoint" TEXT NOT NULL,
    "P256dh" TEXT NOT NULL,
    "Auth" TEXT NOT NULL,
    "Device" TEXT NOT NULL,
    "CreatedAt" TEXT NOT NULL,
    CONSTRAINT "FK_PushSubscriptions_AspNetUsers_OwnerId" FOREIGN KEY ("OwnerId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);

CREATE UNIQUE INDEX "IX_CheckInPreferences_CalendarFeedHash" ON "CheckInPreferences" ("CalendarFeedHash");

CREATE INDEX "IX_CheckInPreferences_NextReminderAt" ON "CheckInPreferences" ("NextReminderAt");

CREATE UNIQUE INDEX "IX_CheckIns_OwnerId_IdempotencyKey" ON "CheckIns" ("OwnerId", "IdempotencyKey");

CREATE INDEX "IX_CheckIns_OwnerId_LocalDate" ON "CheckIns" ("OwnerId", "LocalDate");

CREATE INDEX "IX_CheckIns_OwnerId_OccurredAt" ON "CheckIns" ("OwnerId", "OccurredAt");

CREATE UNIQUE INDEX "IX_CustomEmotions_OwnerId_NormalizedName" ON "CustomEmotions" ("OwnerId", "NormalizedName");

CREATE UNIQUE INDEX "IX_PushSubscriptions_OwnerId_Endpoint" ON "PushSubscriptions" ("OwnerId", "Endpoint");

CREATE TABLE "DemoAccounts" (
    "UserId" TEXT NOT NULL CONSTRAINT "PK_DemoAccounts" PRIMARY KEY,
    "CreatedAt" TEXT NOT NULL,
    CONSTRAINT "FK_DemoAccounts_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);

CREATE INDEX "IX_DemoAccounts_CreatedAt" ON "DemoAccounts" ("CreatedAt");
