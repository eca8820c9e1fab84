-- 0017 Data Protection keys in the database, read when DataProtection:Store is database, so every node of a
-- multi-node install shares one key ring (decision 0020). The table is what DataProtection.EntityFrameworkCore maps.

CREATE TABLE "DataProtectionKeys" (
    "Id" INTEGER NOT NULL CONSTRAINT "PK_DataProtectionKeys" PRIMARY KEY AUTOINCREMENT,
    "FriendlyName" TEXT NULL,
    "Xml" TEXT NULL
);
