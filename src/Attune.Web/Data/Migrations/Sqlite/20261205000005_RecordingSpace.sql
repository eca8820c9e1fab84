-- 0005 Recording space: each recording's stored size beside it, so an account's quota is summed without
-- reading files. Existing rows are measured once here.
ALTER TABLE "Recordings" ADD COLUMN "StoredBytes" INTEGER NOT NULL DEFAULT 0;
UPDATE "Recordings" SET "StoredBytes" = length("Content");
