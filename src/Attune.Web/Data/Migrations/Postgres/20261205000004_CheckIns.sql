-- 0004 Check-ins: check-ins (state, words, body, context), a person's own words, their check-in
-- settings (default visibility, reminders, calendar feed), the browsers that receive reminders, and
-- the marks on demo accounts made with sample data.
CREATE TABLE "CheckInPreferences" (
    "OwnerId" uuid NOT NULL,
    "DefaultVisibility" character varying(16) NOT NULL,
    "ReminderTimes" character varying(200) NOT NULL,
    "RandomPerDay" integer NOT NULL,
    "RandomFromMinute" integer NOT NULL,
    "RandomToMinute" integer NOT NULL,
    "LastReminderAt" timestamp with time zone,
    "NextReminderAt" timestamp with time zone,
    "CalendarFeedHash" character varying(64),
    "UpdatedAt" timestamp with time zone NOT NULL,
    CONSTRAINT "PK_CheckInPreferences" PRIMARY KEY ("OwnerId"),
    CONSTRAINT "FK_CheckInPreferences_AspNetUsers_OwnerId" FOREIGN KEY ("OwnerId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);

CREATE TABLE "CheckIns" (
    "Id" uuid NOT NULL,
    "OwnerId" uuid NOT NULL,
    "OccurredAt" timestamp with time zone NOT NULL,
    "TimeZone" character varying(64) NOT NULL,
    "LocalDate" date NOT NULL,
    "LocalMinute" integer NOT NULL,
    "State" character varying(16) NOT NULL,
    "Intensity" integer NOT NULL,
    "Blend" character varying(16),
    "Emotions" character varying(2000) NOT NULL,
    "Body" character varying(2000) NOT NULL,
    "Context" character varying(8000) NOT NULL,
    "Stress" integer,
    "SleepHours" double precision,
    "Note" character varying(4000),
    "Visibility" character varying(16) NOT NULL,
    "IdempotencyKey" character varying(100),
    "CreatedAt" timestamp with time zone NOT NULL,
    "UpdatedAt" timestamp with time zone NOT NULL,
    CONSTRAINT "PK_CheckIns" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_CheckIns_AspNetUsers_OwnerId" FOREIGN KEY ("OwnerId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);

CREATE TABLE "CustomEmotions" (
    "Id" uuid NOT NULL,
    "OwnerId" uuid NOT NULL,
    "Name" character varying(40) NOT NULL,
    "NormalizedName" character varying(40) NOT NULL,
    "Definition" character varying(200),
    "Pleasantness" integer NOT NULL,
    "Energy" integer NOT NULL,
    "CreatedAt" timestamp with time zone NOT NULL,
    CONSTRAINT "PK_CustomEmotions" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_CustomEmotions_AspNetUsers_OwnerId" FOREIGN KEY ("OwnerId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);

CREATE TABLE "PushSubscriptions" (
    "Id" uuid NOT NULL,
    "OwnerId" uuid NOT NULL,
    "Endpoint" character varying(1000) NOT NULL,
    "P256dh" character varying(200) NOT NULL,
    "Auth" character varying(100) NOT NULL,
    "Device" character varying(120) NOT NULL,
    "CreatedAt" timestamp with time zone NOT NULL,
    CONSTRAINT "PK_PushSubscriptions" PRIMARY KEY ("Id"),
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
    "UserId" uuid NOT NULL,
    "CreatedAt" timestamp with time zone NOT NULL,
    CONSTRAINT "PK_DemoAccounts" PRIMARY KEY ("UserId"),
    CONSTRAINT "FK_DemoAccounts_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);

CREATE INDEX "IX_DemoAccounts_CreatedAt" ON "DemoAccounts" ("CreatedAt");
