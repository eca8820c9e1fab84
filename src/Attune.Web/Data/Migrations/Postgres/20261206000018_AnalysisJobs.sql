-- 0018 Analysis jobs and results shared by every node (decision 0022): a durable job per recording, claimed with a
-- lease (FOR UPDATE SKIP LOCKED) and renewed while it runs, so a node that dies mid-analysis loses no work; and the
-- finished analysis as the API sends it (gzip and Brotli) with the series the views need, so no node analyses twice.
-- Both go with their recording. Existing recordings get a job when someone first asks for their analysis.
CREATE TABLE "AnalysisJobs" (
    "RecordingId" uuid NOT NULL,
    "OwnerId" uuid NOT NULL,
    "ContentVersion" integer NOT NULL,
    "State" character varying(16) NOT NULL,
    "LeaseOwner" character varying(200),
    "LeaseUntil" timestamp with time zone NOT NULL,
    "Attempts" integer NOT NULL,
    "CreatedAt" timestamp with time zone NOT NULL,
    "UpdatedAt" timestamp with time zone NOT NULL,
    CONSTRAINT "PK_AnalysisJobs" PRIMARY KEY ("RecordingId"),
    CONSTRAINT "FK_AnalysisJobs_Recordings_RecordingId" FOREIGN KEY ("RecordingId") REFERENCES "Recordings" ("Id") ON DELETE CASCADE
);

CREATE INDEX "IX_AnalysisJobs_State_LeaseUntil" ON "AnalysisJobs" ("State", "LeaseUntil");

CREATE TABLE "AnalysisResults" (
    "RecordingId" uuid NOT NULL,
    "ContentVersion" integer NOT NULL,
    "Tag" character varying(32) NOT NULL,
    "Gzip" bytea NOT NULL,
    "Brotli" bytea NOT NULL,
    "Series" bytea NOT NULL,
    "Node" character varying(200) NOT NULL,
    "CreatedAt" timestamp with time zone NOT NULL,
    CONSTRAINT "PK_AnalysisResults" PRIMARY KEY ("RecordingId", "ContentVersion"),
    CONSTRAINT "FK_AnalysisResults_Recordings_RecordingId" FOREIGN KEY ("RecordingId") REFERENCES "Recordings" ("Id") ON DELETE CASCADE
);

-- Already compressed: keep PostgreSQL from trying again when it moves them out of line.
ALTER TABLE "AnalysisResults" ALTER COLUMN "Gzip" SET STORAGE EXTERNAL;
ALTER TABLE "AnalysisResults" ALTER COLUMN "Brotli" SET STORAGE EXTERNAL;
ALTER TABLE "AnalysisResults" ALTER COLUMN "Series" SET STORAGE EXTERNAL;
