-- 0003 Sharing: grants (consent to read another person's streams), the access log, and scoped,
-- expiring access tokens. Tokens from before keep what they could do (recordings) and expire a year
-- after they were made.
ALTER TABLE "PersonalAccessTokens" ADD COLUMN "Scopes" TEXT NOT NULL DEFAULT '';
UPDATE "PersonalAccessTokens" SET "Scopes" = 'recordings:read recordings:write';
UPDATE "PersonalAccessTokens" SET "ExpiresAt" = strftime('%Y-%m-%d %H:%M:%f', "CreatedAt", '+365 days') WHERE "ExpiresAt" IS NULL;

CREATE TABLE "Grants" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_Grants" PRIMARY KEY,
    "OwnerId" TEXT NOT NULL,
    "GranteeEmail" TEXT NOT NULL,
    "NormalizedGranteeEmail" TEXT NOT NULL,
    "GranteeId" TEXT NULL,
    "Kind" TEXT NOT NULL,
    "Streams" INTEGER NOT NULL,
    "Status" TEXT NOT NULL,
    "ConsentVersion" INTEGER NOT NULL,
    "CreatedAt" TEXT NOT NULL,
    "AcceptedAt" TEXT NULL,
    "EndedAt" TEXT NULL,
    CONSTRAINT "FK_Grants_AspNetUsers_GranteeId" FOREIGN KEY ("GranteeId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_Grants_AspNetUsers_OwnerId" FOREIGN KEY ("OwnerId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);

CREATE INDEX "IX_Grants_GranteeId_Status" ON "Grants" ("GranteeId", "Status");

CREATE INDEX "IX_Grants_NormalizedGranteeEmail_Status" ON "Grants" ("NormalizedGranteeEmail", "Status");

CREATE INDEX "IX_Grants_OwnerId_Status" ON "Grants" ("OwnerId", "Status");

CREATE TABLE "AccessLog" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_AccessLog" PRIMARY KEY AUTOINCREMENT,
    "OwnerId" TEXT NOT NULL,
    "ReaderId" TEXT NULL,
    "Stream" INTEGER NOT NULL,
    "ResourceId" TEXT NULL,
    "At" TEXT NOT NULL,
    CONSTRAINT "FK_AccessLog_AspNetUsers_OwnerId" FOREIGN KEY ("OwnerId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_AccessLog_AspNetUsers_ReaderId" FOREIGN KEY ("ReaderId") REFERENCES "AspNetUsers" ("Id") ON DELETE SET NULL
);

CREATE INDEX "IX_AccessLog_OwnerId_At" ON "AccessLog" ("OwnerId", "At");

CREATE INDEX "IX_AccessLog_ReaderId" ON "AccessLog" ("ReaderId");
