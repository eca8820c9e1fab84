-- Reverses 0008 Audit: the audit log, invitations and sign-in links are dropped.
DROP TABLE "SignInLinks";
DROP TABLE "Invitations";
DROP TABLE "AuditEntries";
DROP FUNCTION attune_audit_append_only();
