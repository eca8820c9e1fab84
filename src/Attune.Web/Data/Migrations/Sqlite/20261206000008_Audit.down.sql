-- Reverses 0008 Audit: the audit log, invitations and sign-in links are dropped.
DROP TABLE "SignInLinks";
DROP TABLE "Invitations";
DROP TRIGGER "AuditEntries_no_delete";
DROP TRIGGER "AuditEntries_no_update";
DROP TABLE "AuditEntries";
