-- Reverses 0003 Sharing (token scopes are dropped; expiry dates set by the upgrade stay).
DROP TABLE "AccessLog";
DROP TABLE "Grants";
ALTER TABLE "PersonalAccessTokens" DROP COLUMN "Scopes";
