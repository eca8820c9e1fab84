-- 0018 Analysis jobs and results shared by every node (decision 0022): a durable job per recording, claimed with a
-- lease and renewed while it runs, so a node that dies mid-analysis loses no work; and the finished analysis as the
-- API sends it (gzip and Brotli) with the series the views need, so no node analyses twice.
-- Both go with their recording. Existing recordings get a job when someone first asks for their analysis.
CREATE TABLE "AnalysisJobs" (
    "RecordingId" TEXT NOT NULL CONSTRAINT "PK_AnalysisJobs" PRIMARY KEY,
    "OwnerId" TEXT NOT NULL,
    "ContentVersion" INTEGER NOT NULL,
    "State" TEXT NOT NULL,
    "LeaseOwner" TEXT NULL,
    "LeaseUntil" TEXT NOT NULL,
    "Attempts" INTEGER NOT NULL,
    "CreatedAt" TEXT NOT NULL,
    "UpdatedAt" TEXT NOT NULL,
    CONSTRAINT "FK_AnalysisJobs_Recordings_RecordingId" FOREIGN KEY ("RecordingId") REFERENCES "Recordings" ("Id") ON DELETE CASCADE
);

CREATE INDEX "IX_AnalysisJobs_State_LeaseUntil" ON "AnalysisJobs" ("State", "LeaseUntil");

CREATE TABLE "AnalysisResults" (
    "RecordingId" TEXT NOT NULL,
    "ContentVersion" INTEGER NOT NULL,
    "Tag" TEXT NOT NULL,
    "Gzip" BLOB NOT NULL,
    "Brotli" BLOB NOT NULL,
    "Series" BLOB NOT NULL,
    "Node" TEXT NOT NULL,
    "CreatedAt" TEXT NOT NULL,
    CONSTRAINT "PK_AnalysisResults" PRIMARY KEY ("RecordingId", "ContentVersion"),
    CONSTRAINT "FK_AnalysisResults_Recordings_RecordingId" FOREIGN KEY ("RecordingId") REFERENCES "Recordings" ("Id") ON DELETE CASCADE
);
