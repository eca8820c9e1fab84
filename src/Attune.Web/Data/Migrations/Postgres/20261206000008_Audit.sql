-- 0008 Audit: the append-only, hash-chained audit log (decision 0011), administrators' invitations and
-- one-time sign-in links made on the server (decision 0012). A trigger refuses any change to an audit entry.
CREATE TABLE "AuditEntries" (
    "Sequence" bigint NOT NULL,
    "At" timestamp with time zone NOT NULL,
    "ActorId" uuid,
    "OwnerId" uuid,
    "Action" character varying(40) NOT NULL,
    "ResourceKind" character varying(40),
    "ResourceId" character varying(64),
    "Result" character varying(10) NOT NULL,
    "AddressHash" character varying(32),
    "Hash" character varying(64) NOT NULL,
    CONSTRAINT "PK_AuditEntries" PRIMARY KEY ("Sequence")
);

CREATE INDEX "IX_AuditEntries_OwnerId_Sequence" ON "AuditEntries" ("OwnerId", "Sequence");

CREATE FUNCTION attune_audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'audit entries are append-only';
END;
$$;

CREATE TRIGGER "AuditEntries_append_only" BEFORE UPDATE OR DELETE ON "AuditEntries"
    FOR EACH ROW EXECUTE FUNCTION attune_audit_append_only();

CREATE TRIGGER "AuditEntries_no_truncate" BEFORE TRUNCATE ON "AuditEntries"
    FOR EACH STATEMENT EXECUTE FUNCTION attune_audit_append_only();

CREATE TABLE "Invitations" (
    "Id" uuid NOT NULL,
    "TokenHash" character varying(64) NOT NULL,
    "Email" character varying(254),
    "NormalizedEmail" character varying(254),
    "CreatedBy" uuid,
    "CreatedAt" timestamp with time zone NOT NULL,
    "ExpiresAt" timestamp with time zone NOT NULL,
    "UsedAt" timestamp with time zone,
    "UsedBy" uuid,
    "RevokedAt" timestamp with time zone,
    CONSTRAINT "PK_Invitations" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_Invitations_AspNetUsers_CreatedBy" FOREIGN KEY ("CreatedBy") REFERENCES "AspNetUsers" ("Id") ON DELETE SET NULL,
    CONSTRAINT "FK_Invitations_AspNetUsers_UsedBy" FOREIGN KEY ("UsedBy") REFERENCES "AspNetUsers" ("Id") ON DELETE SET NULL
);

CREATE INDEX "IX_Invitations_CreatedAt" ON "Invitations" ("CreatedAt");

CREATE INDEX "IX_Invitations_CreatedBy" ON "Invitations" ("CreatedBy");

CREATE UNIQUE INDEX "IX_Invitations_TokenHash" ON "Invitations" ("TokenHash");

CREATE INDEX "IX_Invitations_UsedBy" ON "Invitations" ("UsedBy");

CREATE TABLE "SignInLinks" (
    "Id" uuid NOT NULL,
    "UserId" uuid NOT NULL,
    "TokenHash" character varying(64) NOT NULL,
    "CreatedAt" timestamp with time zone NOT NULL,
    "ExpiresAt" timestamp with time zone NOT NULL,
    "UsedAt" timestamp with time zone,
    CONSTRAINT "PK_SignInLinks" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_SignInLinks_AspNetUsers_UserId" FOREIGN KEY ("UserId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);

CREATE UNIQUE INDEX "IX_SignInLinks_TokenHash" ON "SignInLinks" ("TokenHash");

CREATE INDEX "IX_SignInLinks_UserId" ON "SignInLinks" ("UserId");
