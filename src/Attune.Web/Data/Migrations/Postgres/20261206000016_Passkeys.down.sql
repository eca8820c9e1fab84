DROP TABLE "AspNetUserPasskeys";
