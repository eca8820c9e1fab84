-- 0002 Recordings: uploaded heart recordings (RR, heart rate, ECG), owned by one person.
CREATE TABLE "Recordings" (
    "Id" uuid NOT NULL,
    "OwnerId" uuid NOT NULL,
    "Name" character varying(100) NOT NULL,
    "Kind" character varying(16) NOT NULL,
    "OriginalFileName" character varying(200) NOT NULL,
    "StartedAt" timestamp with time zone,
    "UploadedAt" timestamp with time zone NOT NULL,
    "SampleRateHz" double precision,
    "DurationSeconds" double precision NOT NULL,
    "PointCount" integer NOT NULL,
    "Content" bytea NOT NULL,
    CONSTRAINT "PK_Recordings" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_Recordings_AspNetUsers_OwnerId" FOREIGN KEY ("OwnerId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE
);

CREATE INDEX "IX_Recordings_OwnerId_UploadedAt" ON "Recordings" ("OwnerId", "UploadedAt");
