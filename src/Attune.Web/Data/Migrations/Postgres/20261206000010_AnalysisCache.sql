-- 0010 Analysis cache: the version of what a recording's analysis reads, so cached analyses and their ETags are
-- keyed by it (a replaced file or beat edits increment it). Existing recordings start at 1.
ALTER TABLE "Recordings" ADD "ContentVersion" integer NOT NULL DEFAULT 1;
