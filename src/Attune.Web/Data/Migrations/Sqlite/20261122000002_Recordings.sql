-- 0002 Recordings: uploaded heart recordings (RR, heart rate, ECG), owned by one person.
CREATE TABLE "Recordings" (
    "Id" TEXT NOT NULL CONSTRAINT "PK_Recordings" PRIMARY KEY,
    "OwnerId" TEXT NOT NULL,
    "Name" TEXT NOT NULL,
    "Kind" TEXT NOT NULL,
    "OriginalFileName" TEXT NOT NULL,
    "StartedAt" TEXT NULL,
    "UploadedAt" TEXT NOT NULL,
    "SampleRateHz" REAL NULL,
    "DurationSeconds" REAL NOT NULL,
    "PointCount" INTEGER NOT NULL,
    "Content" BLOB NOT NULL,
    CONSTRAINT "FK_Recordings_AspNetUsers_OwnerId" FOREIGN KEY ("OwnerId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);

CREATE INDEX "IX_Recordings_OwnerId_UploadedAt" ON "Recordings" ("OwnerId", "UploadedAt");
