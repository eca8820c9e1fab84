-- 0011 Beat edits: beats an owner added or removed by hand on an ECG recording (the detected beats are never
-- stored; edits apply on top of them), and for EDF files the label of the signal analysed as the ECG.
ALTER TABLE "Recordings" ADD "Channel" character varying(16);

CREATE TABLE "BeatEdits" (
    "Id" uuid NOT NULL,
    "OwnerId" uuid NOT NULL,
    "RecordingId" uuid NOT NULL,
    "SampleIndex" integer NOT NULL,
    "Added" boolean NOT NULL,
    "CreatedAt" timestamp with time zone NOT NULL,
    CONSTRAINT "PK_BeatEdits" PRIMARY KEY ("Id"),
    CONSTRAINT "FK_BeatEdits_AspNetUsers_OwnerId" FOREIGN KEY ("OwnerId") REFERENCES "AspNetUsers" ("Id") ON DELETE CASCADE,
    CONSTRAINT "FK_BeatEdits_Recordings_RecordingId" FOREIGN KEY ("RecordingId") REFERENCES "Recordings" ("Id") ON DELETE CASCADE
);

CREATE INDEX "IX_BeatEdits_OwnerId" ON "BeatEdits" ("OwnerId");

CREATE UNIQUE INDEX "IX_BeatEdits_RecordingId_SampleIndex" ON "BeatEdits" ("RecordingId", "SampleIndex");
