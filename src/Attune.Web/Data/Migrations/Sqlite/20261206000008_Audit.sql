-- 0008 Audit: the append-only, hash-chained audit log (decision 0011), administrators' invitations and
-- one-time sign-in links made on the server (decision 0012). Triggers refuse any change to an audit entry.
CREATE TABLE "AuditEntries" (
    "Sequence" INTEGER NOT NULL CONSTRAINT "PK_AuditEntries" PRIMARY KEY,
    "At" TEXT NOT NULL,
    "ActorId" TEXT NULL,
    "OwnerId" TEXT NULL,
    "Action" TEXT NOT NULL,
    "ResourceKind" TEXT NULL,
    "ResourceId" TEXT NULL,
    "Result" TEXT NOT NULL,
    "AddressHash" TEXT NULL,
    "Hash" TEXT NOT NULL
);

CREATE INDEX "IX_AuditEntries_OwnerId_Sequence" ON "AuditEntries" ("OwnerId", "Sequence");

CREATE TRIGGER "AuditEntries_no_update" BEFORE UPDATE ON "AuditEntries"
BEGIN
    SELECT RAISE(ABORT, 'audit entries are append-only');
END;

CREATE TRIGGER "AuditEntries_no_delete" BEFORE DELETE ON "AuditEntries"
BEGIN
    SELECT RAISE(ABORT, 'audit entries are append-only');
END;

CREATE TABLE "Invitations" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_Invitations" PRIMARY KEY,
    "TokenHash" TEXT NOT NULL,
    "Email" TEXT NULL,
    "NormalizedEmail" TEXT NULL,
    "CreatedBy" TEXT NULL,
    "CreatedAt" TEXT NOT NULL,
    "ExpiresAt" TEXT NOT NULL,
    "UsedAt" TEXT NULL,
    "UsedBy" TEXT NULL,
    "RevokedAt" TEXT NULL,
    CONSTRAINT "FK_Invitations_AspNetUsers_CreatedBy" FOREIGN KEY ("CreatedBy") REFERENCES "AspNetUsers" ("Id") ON DELETE SET NULL,
    CONSTRAINT "FK_Invitations_AspNetUsers_UsedBy" FOREIGN KEY ("UsedBy") REFERENCES "AspNetUsers" ("Id") ON DELETE SET NULL
);

CREATE INDEX "IX_Invitations_CreatedAt" ON "Invitations" ("CreatedAt");

CREATE INDEX "IX_Invitations_CreatedBy" ON "Invitations" ("CreatedBy");

CREATE UNIQUE INDEX "IX_Invitations_TokenHash" ON "Invitations" ("TokenHash");

CREATE INDEX "IX_Invitations_UsedBy" ON "Invitations" ("UsedBy");

CREATE TABLE "SignInLinks" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_SignInLinks" PRIMARY KEY,
    "UserId" TEXT NOT NULL,
    "TokenHash" TEXT NOT NULL,
    "CreatedAt" TEXT NOT NULL,
    "ExpiresAt" TEXT NOT NULL,
    "UsedAt" TEXT NULL,
    CONSTRAINT "FK_SignInLinks_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);

CREATE UNIQUE INDEX "IX_SignInLinks_TokenHash" ON "SignInLinks" ("TokenHash");

CREATE INDEX "IX_SignInLinks_UserId" ON "SignInLinks" ("UserId");
