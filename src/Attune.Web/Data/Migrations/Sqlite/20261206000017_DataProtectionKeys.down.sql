DROP TABLE "DataProtectionKeys";
