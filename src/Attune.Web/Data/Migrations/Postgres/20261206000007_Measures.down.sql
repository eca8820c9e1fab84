-- Reverses 0007 Measures.
DROP TABLE "IntegrationReflections";
DROP TABLE "MeasureResponses";
