using Attune.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Attune.Web.Tests.Data;

/// <summary>
/// Upgrade harness: a database filled at an earlier migration keeps every row after migrating to
/// the latest. Each case names the migration its seed SQL was written against; add a case whenever
/// a migration touches tables that hold data.
/// </summary>
public sealed class MigrationUpgradeTests
{
    private const string UserId = "0193a7c0-0000-7000-8000-000000000001";
    private const string SessionId = "0193a7c0-0000-7000-8000-000000000002";
    private const string TokenId = "0193a7c0-0000-7000-8000-000000000003";
    private const string RecordingId = "0193a7c0-0000-7000-8000-000000000004";

    public sealed record UpgradeCase(string Name, string SeedAt, Func<DatabaseProvider, string> SeedSql, (string Table, int Rows)[] Expected)
    {
        public override string ToString() => Name;
    }

    private static readonly UpgradeCase[] Cases =
    [
        new("accounts at 0001", "20261122000001_Initial", provider => $"""
            INSERT INTO "AspNetUsers" ("Id", "DisplayName", "TimeZone", "CreatedAt", "UserName", "NormalizedUserName", "Email", "NormalizedEmail",
                "EmailConfirmed", "PasswordHash", "SecurityStamp", "ConcurrencyStamp", "PhoneNumberConfirmed", "TwoFactorEnabled", "LockoutEnabled", "AccessFailedCount")
            VALUES ({Guid(provider, UserId)}, 'Ana', 'Europe/Berlin', {Time(provider)}, 'ana@example.org', 'ANA@EXAMPLE.ORG', 'ana@example.org', 'ANA@EXAMPLE.ORG',
                {Bool(provider, true)}, 'hash', 'stamp', 'c', {Bool(provider, false)}, {Bool(provider, false)}, {Bool(provider, true)}, 0);
            INSERT INTO "UserSessions" ("Id", "UserId", "Device", "CreatedAt", "LastSeenAt")
            VALUES ({Guid(provider, SessionId)}, {Guid(provider, UserId)}, 'Firefox on Linux', {Time(provider)}, {Time(provider)});
            INSERT INTO "PersonalAccessTokens" ("Id", "UserId", "Name", "Prefix", "TokenHash", "CreatedAt")
            VALUES ({Guid(provider, TokenId)}, {Guid(provider, UserId)}, 'cli', 'atn_abcdefgh', 'ab12', {Time(provider)});
            """,
            [("AspNetUsers", 1), ("UserSessions", 1), ("PersonalAccessTokens", 1)]),
        new("recordings at 0005, before beat edits", "20261205000005_RecordingSpace", provider => $"""
            INSERT INTO "AspNetUsers" ("Id", "DisplayName", "TimeZone", "CreatedAt", "UserName", "NormalizedUserName", "Email", "NormalizedEmail",
                "EmailConfirmed", "PasswordHash", "SecurityStamp", "ConcurrencyStamp", "PhoneNumberConfirmed", "TwoFactorEnabled", "LockoutEnabled", "AccessFailedCount")
            VALUES ({Guid(provider, UserId)}, 'Ana', 'Europe/Berlin', {Time(provider)}, 'ana@example.org', 'ANA@EXAMPLE.ORG', 'ana@example.org', 'ANA@EXAMPLE.ORG',
                {Bool(provider, true)}, 'hash', 'stamp', 'c', {Bool(provider, false)}, {Bool(provider, false)}, {Bool(provider, true)}, 0);
            INSERT INTO "Recordings" ("Id", "OwnerId", "Name", "Kind", "OriginalFileName", "UploadedAt", "SampleRateHz", "DurationSeconds", "PointCount", "Content", "StoredBytes")
            VALUES ({Guid(provider, RecordingId)}, {Guid(provider, UserId)}, 'Morning', 'Ecg', 'ecg.txt', {Time(provider)}, 250, 60, 15000,
                {(provider == DatabaseProvider.Sqlite ? "X'1F8B'" : "'\\x1f8b'::bytea")}, 2);
            """,
            [("AspNetUsers", 1), ("Recordings", 1), ("BeatEdits", 0)]),
    ];

    public static TheoryData<DatabaseProvider, string> Matrix()
    {
        var data = new TheoryData<DatabaseProvider, string>();
        foreach (var provider in ProviderList())
        {
            foreach (var c in Cases)
            {
                data.Add(provider, c.Name);
            }
        }
        return data;
    }

    private static IEnumerable<DatabaseProvider> ProviderList() =>
        TestEnvironment.PostgresAvailable ? [DatabaseProvider.Sqlite, DatabaseProvider.Postgres] : [DatabaseProvider.Sqlite];

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task Rows_written_at_an_earlier_migration_survive_the_upgrade(DatabaseProvider provider, string caseName)
    {
        var upgrade = Cases.Single(c => c.Name == caseName);
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var db = database.NewContext();

        await db.GetService<IMigrator>().MigrateAsync(upgrade.SeedAt);
        await db.Database.ExecuteSqlRawAsync(upgrade.SeedSql(provider));
        await db.Database.MigrateAsync();

        Assert.Empty(await db.Database.GetPendingMigrationsAsync());
        foreach (var (table, rows) in upgrade.Expected)
        {
            // Table names come from the fixed cases above, never from input.
#pragma warning disable EF1002
            var count = await db.Database.SqlQueryRaw<int>($"SELECT COUNT(*) AS \"Value\" FROM \"{table}\"").SingleAsync();
#pragma warning restore EF1002
            Assert.True(count == rows, $"{table}: expected {rows} rows after upgrading, found {count}.");
        }
        var user = await db.Users.AsNoTracking().SingleAsync();
        Assert.Equal("Ana", user.DisplayName);
        Assert.Equal(DateTimeKind.Utc, user.CreatedAt.Kind);
        Assert.Equal(new DateTime(2026, 11, 1, 8, 30, 0, DateTimeKind.Utc), user.CreatedAt);
    }

    [Theory, ClassData(typeof(Providers))]
    public async Task A_token_from_before_scopes_keeps_recordings_access_and_expires_a_year_after_it_was_made(DatabaseProvider provider)
    {
        var accounts = Cases.Single(c => c.Name == "accounts at 0001");
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var db = database.NewContext();
        await db.GetService<IMigrator>().MigrateAsync(accounts.SeedAt);
        await db.Database.ExecuteSqlRawAsync(accounts.SeedSql(provider));

        await db.Database.MigrateAsync();

        var token = await db.PersonalAccessTokens.AsNoTracking().SingleAsync();
        Assert.Equal("recordings:read recordings:write", token.Scopes);
        Assert.Equal(new DateTime(2027, 11, 1, 8, 30, 0, DateTimeKind.Utc), token.ExpiresAt);
    }

    private static string Guid(DatabaseProvider provider, string id) =>
        provider == DatabaseProvider.Sqlite ? $"'{id.ToUpperInvariant()}'" : $"'{id}'::uuid";

    private static string Bool(DatabaseProvider provider, bool value) =>
        provider == DatabaseProvider.Sqlite ? (value ? "1" : "0") : (value ? "TRUE" : "FALSE");

    private static string Time(DatabaseProvider provider) =>
        provider == DatabaseProvider.Sqlite ? "'2026-11-01 08:30:00'" : "'2026-11-01T08:30:00Z'::timestamptz";
}
