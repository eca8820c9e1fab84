-- Reverses 0001 Initial.
DROP TABLE "UserSessions";
DROP TABLE "PersonalAccessTokens";
DROP TABLE "AspNetUserTokens";
DROP TABLE "AspNetUserRoles";
DROP TABLE "AspNetUserLogins";
DROP TABLE "AspNetUserClaims";
DROP TABLE "AspNetRoleClaims";
DROP TABLE "AspNetUsers";
DROP TABLE "AspNetRoles";
