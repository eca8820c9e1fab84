-- Reverses 0018 Analysis jobs.
DROP TABLE "AnalysisResults";
DROP TABLE "AnalysisJobs";
