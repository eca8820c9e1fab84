using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Attune.Web.Data.Migrations;

// Each migration exists once per provider. Ids sort by time; scripts live beside this file.

[DbContext(typeof(SqliteAttuneDb))]
[Migration("20261122000001_Initial")]
public sealed class SqliteInitial : SqlMigration
{
    protected override string Provider => "Sqlite";
}

[DbContext(typeof(PostgresAttuneDb))]
[Migration("20261122000001_Initial")]
public sealed class PostgresInitial : SqlMigration
{
    protected override string Provider => "Postgres";
}

[DbContext(typeof(SqliteAttuneDb))]
[Migration("20261122000002_Recordings")]
public sealed class SqliteRecordings : SqlMigration
{
    protected override string Provider => "Sqlite";
}

[DbContext(typeof(PostgresAttuneDb))]
[Migration("20261122000002_Recordings")]
public sealed class PostgresRecordings : SqlMigration
{
    protected override string Provider => "Postgres";
}

[DbContext(typeof(SqliteAttuneDb))]
[Migration("20261204000003_Sharing")]
public sealed class SqliteSharing : SqlMigration
{
    protected override string Provider => "Sqlite";
}

[DbContext(typeof(PostgresAttuneDb))]
[Migration("20261204000003_Sharing")]
public sealed class PostgresSharing : SqlMigration
{
    protected override string Provider => "Postgres";
}

[DbContext(typeof(SqliteAttuneDb))]
[Migration("20261205000004_CheckIns")]
public sealed class SqliteCheckIns : SqlMigration
{
    protected override string Provider => "Sqlite";
}

[DbContext(typeof(PostgresAttuneDb))]
[Migration("20261205000004_CheckIns")]
public sealed class PostgresCheckIns : SqlMigration
{
    protected override string Provider => "Postgres";
}

[DbContext(typeof(SqliteAttuneDb))]
[Migration("20261205000005_RecordingSpace")]
public sealed class SqliteRecordingSpace : SqlMigration
{
    protected override string Provider => "Sqlite";
}

[DbContext(typeof(PostgresAttuneDb))]
[Migration("20261205000005_RecordingSpace")]
public sealed class PostgresRecordingSpace : SqlMigration
{
    protected override string Provider => "Postgres";
}

[DbContext(typeof(SqliteAttuneDb))]
[Migration("20261206000006_Practices")]
public sealed class SqlitePractices : SqlMigration
{
    protected override string Provider => "Sqlite";
}

[DbContext(typeof(PostgresAttuneDb))]
[Migration("20261206000006_Practices")]
public sealed class PostgresPractices : SqlMigration
{
    protected override string Provider => "Postgres";
}

[DbContext(typeof(SqliteAttuneDb))]
[Migration("20261206000007_Measures")]
public sealed class SqliteMeasures : SqlMigration
{
    protected override string Provider => "Sqlite";
}

[DbContext(typeof(PostgresAttuneDb))]
[Migration("20261206000007_Measures")]
public sealed class PostgresMeasures : SqlMigration
{
    protected override string Provider => "Postgres";
}

[DbContext(typeof(SqliteAttuneDb))]
[Migration("20261206000008_Audit")]
public sealed class SqliteAudit : SqlMigration
{
    protected override string Provider => "Sqlite";
}

[DbContext(typeof(PostgresAttuneDb))]
[Migration("20261206000008_Audit")]
public sealed class PostgresAudit : SqlMigration
{
    protected override string Provider => "Postgres";
}

[DbContext(typeof(SqliteAttuneDb))]
[Migration("20261206000010_AnalysisCache")]
public sealed class SqliteAnalysisCache : SqlMigration
{
    protected override string Provider => "Sqlite";
}

[DbContext(typeof(PostgresAttuneDb))]
[Migration("20261206000010_AnalysisCache")]
public sealed class PostgresAnalysisCache : SqlMigration
{
    protected override string Provider => "Postgres";
}

[DbContext(typeof(SqliteAttuneDb))]
[Migration("20261206000011_BeatEdits")]
public sealed class SqliteBeatEdits : SqlMigration
{
    protected override string Provider => "Sqlite";
}

[DbContext(typeof(PostgresAttuneDb))]
[Migration("20261206000011_BeatEdits")]
public sealed class PostgresBeatEdits : SqlMigration
{
    protected override string Provider => "Postgres";
}

[DbContext(typeof(SqliteAttuneDb))]
[Migration("20261206000012_Together")]
public sealed class SqliteTogether : SqlMigration
{
    protected override string Provider => "Sqlite";
}

[DbContext(typeof(PostgresAttuneDb))]
[Migration("20261206000012_Together")]
public sealed class PostgresTogether : SqlMigration
{
    protected override string Provider => "Postgres";
}

[DbContext(typeof(SqliteAttuneDb))]
[Migration("20261206000016_Passkeys")]
public sealed class SqlitePasskeys : SqlMigration
{
    protected override string Provider => "Sqlite";
}

[DbContext(typeof(PostgresAttuneDb))]
[Migration("20261206000016_Passkeys")]
public sealed class PostgresPasskeys : SqlMigration
{
    protected override string Provider => "Postgres";
}

[DbContext(typeof(SqliteAttuneDb))]
[Migration("20261206000013_BreathSessions")]
public sealed class SqliteBreathSessions : SqlMigration
{
    protected override string Provider => "Sqlite";
}

[DbContext(typeof(PostgresAttuneDb))]
[Migration("20261206000013_BreathSessions")]
public sealed class PostgresBreathSessions : SqlMigration
{
    protected override string Provider => "Postgres";
}

[DbContext(typeof(SqliteAttuneDb))]
[Migration("20261206000014_Therapists")]
public sealed class SqliteTherapists : SqlMigration
{
    protected override string Provider => "Sqlite";
}

[DbContext(typeof(PostgresAttuneDb))]
[Migration("20261206000014_Therapists")]
public sealed class PostgresTherapists : SqlMigration
{
    protected override string Provider => "Postgres";
}

[DbContext(typeof(SqliteAttuneDb))]
[Migration("20261206000017_DataProtectionKeys")]
public sealed class SqliteDataProtectionKeys : SqlMigration
{
    protected override string Provider => "Sqlite";
}

[DbContext(typeof(PostgresAttuneDb))]
[Migration("20261206000017_DataProtectionKeys")]
public sealed class PostgresDataProtectionKeys : SqlMigration
{
    protected override string Provider => "Postgres";
}

[DbContext(typeof(SqliteAttuneDb))]
[Migration("20261206000018_AnalysisJobs")]
public sealed class SqliteAnalysisJobs : SqlMigration
{
    protected override string Provider => "Sqlite";
}

[DbContext(typeof(PostgresAttuneDb))]
[Migration("20261206000018_AnalysisJobs")]
public sealed class PostgresAnalysisJobs : SqlMigration
{
    protected override string Provider => "Postgres";
}

[DbContext(typeof(SqliteAttuneDb))]
[Migration("20261206000019_InSessionRecords")]
public sealed class SqliteInSessionRecords : SqlMigration
{
    protected override string Provider => "Sqlite";
}

[DbContext(typeof(PostgresAttuneDb))]
[Migration("20261206000019_InSessionRecords")]
public sealed class PostgresInSessionRecords : SqlMigration
{
    protected override string Provider => "Postgres";
}
