using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Attune.Web.Data;
using Attune.Web.Features.Audit;
using Attune.Web.Tests.Infrastructure;
using Attune.Web.Tests.Recordings;
using Attune.Web.Tests.Sharing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Attune.Web.Tests.Audit;

public sealed class AuditLogTests
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private const string SecretNote = "a-very-private-note-7f3a";

    [Theory, ClassData(typeof(Providers))]
    public async Task Writes_are_audited_without_their_content_and_the_owner_sees_only_their_own(DatabaseProvider provider)
    {
        await using var factory = await AttuneWebFactory.CreateAsync(provider);
        var (owner, client) = await TestUsers.SignedInAsync(factory);
        var (_, stranger) = await TestUsers.SignedInAsync(factory);

        using var create = await client.PostAsJsonAsync("/api/v1/checkins",
            new { state = "activated", intensity = 6, emotionIds = new[] { "anxious" }, note = SecretNote, visibility = "private" });
        Assert.Equal(HttpStatusCode.Created, create.StatusCode);
        var id = (await create.Content.ReadFromJsonAsync<JsonElement>(Json)).GetProperty("id").GetGuid();
        using (var delete = await client.DeleteAsync($"/api/v1/checkins/{id}"))
        {
            Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
        }

        var mine = (await client.GetFromJsonAsync<AuditPageDto>("/api/v1/audit", Json))!;
        Assert.Contains(mine.Entries, e => e.Action == "checkin.created" && e.ResourceId == id.ToString() && e.Actor?.Id == owner.Id);
        Assert.Contains(mine.Entries, e => e.Action == "checkin.deleted" && e.ResourceId == id.ToString());
        Assert.Contains(mine.Entries, e => e.Action == AuditActions.SignInSucceeded);
        Assert.All(mine.Entries, e => Assert.Equal(owner.Id, e.Owner));

        var theirs = (await stranger.GetFromJsonAsync<AuditPageDto>("/api/v1/audit", Json))!;
        Assert.DoesNotContain(theirs.Entries, e => e.ResourceId == id.ToString());

        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AttuneDb>();
        var all = await db.AuditEntries.AsNoTracking().ToListAsync();
        Assert.DoesNotContain(all, e => JsonSerializer.Serialize(e).Contains(SecretNote, StringComparison.Ordinal)
            || JsonSerializer.Serialize(e).Contains(owner.Email, StringComparison.OrdinalIgnoreCase));
        var verified = await AuditChain.VerifyAsync(scope.ServiceProvider.GetRequiredService<DatabaseConnection>());
        Assert.True(verified.Intact, verified.Problem);
        Assert.Equal(all.Count, verified.Verified);
    }

    [Theory, ClassData(typeof(Providers))]
    public async Task A_look_at_someone_elses_data_is_audited_for_the_owner_with_the_reader_named(DatabaseProvider provider)
    {
        await using var factory = await AttuneWebFactory.CreateAsync(provider);
        var (owner, ownerClient) = await TestUsers.SignedInAsync(factory);
        var (reader, readerClient) = await TestUsers.SignedInAsync(factory);
        var recording = (await TestRecordings.UploadAsync(ownerClient, name: "Evening walk")).Id;
        await TestSharing.ShareAsync(ownerClient, reader, readerClient, "recordings");

        using (var read = await readerClient.GetAsync($"/api/v1/recordings/{recording}"))
        {
            Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        }

        var log = (await ownerClient.GetFromJsonAsync<AuditPageDto>("/api/v1/audit", Json))!;
        var look = Assert.Single(log.Entries, e => e.Action == AuditActions.Read && e.ResourceId == recording.ToString());
        Assert.Equal(reader.Id, look.Actor?.Id);
        Assert.Equal("River", look.Actor?.Name);
        Assert.Equal("recordings", look.ResourceKind);
        Assert.DoesNotContain("Evening walk", JsonSerializer.Serialize(log), StringComparison.Ordinal);
        // The reader's own log does not list the owner's data.
        var readers = (await readerClient.GetFromJsonAsync<AuditPageDto>("/api/v1/audit", Json))!;
        Assert.DoesNotContain(readers.Entries, e => e.Action == AuditActions.Read);
        Assert.NotEqual(owner.Id, reader.Id);
    }

    [Theory, ClassData(typeof(Providers))]
    public async Task Failed_sign_ins_are_audited_for_the_account_and_for_unknown_addresses_without_the_address(DatabaseProvider provider)
    {
        await using var factory = await AttuneWebFactory.CreateAsync(provider);
        var (user, client) = await TestUsers.SignedInAsync(factory);
        using var anonymous = factory.CreateClient();
        using (var wrong = await anonymous.PostAsJsonAsync("/api/v1/auth/login", new { email = user.Email, password = "not the password at all" }))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        }
        using (var unknown = await anonymous.PostAsJsonAsync("/api/v1/auth/login", new { email = "nobody-here@example.org", password = "not the password at all" }))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, unknown.StatusCode);
        }

        var log = (await client.GetFromJsonAsync<AuditPageDto>("/api/v1/audit", Json))!;
        var failed = Assert.Single(log.Entries, e => e.Action == AuditActions.SignInFailed);
        Assert.Equal(AuditResults.Failed, failed.Result);
        Assert.Null(failed.Actor);
        Assert.NotNull(failed.Place);

        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AttuneDb>();
        Assert.Equal(1, await db.AuditEntries.CountAsync(e => e.Action == AuditActions.SignInFailed && e.OwnerId == null));
        Assert.DoesNotContain(await db.AuditEntries.AsNoTracking().ToListAsync(),
            e => JsonSerializer.Serialize(e).Contains("nobody-here", StringComparison.Ordinal) || JsonSerializer.Serialize(e).Contains("127.0.0.1", StringComparison.Ordinal));
    }

    [Theory, ClassData(typeof(Providers))]
    public async Task The_database_refuses_to_change_or_delete_an_audit_entry(DatabaseProvider provider)
    {
        await using var factory = await AttuneWebFactory.CreateAsync(provider);
        await TestUsers.SignedInAsync(factory);
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AttuneDb>();

        var update = await Record.ExceptionAsync(() => db.Database.ExecuteSqlRawAsync("""UPDATE "AuditEntries" SET "Action" = 'nothing' WHERE "Sequence" = 1"""));
        var delete = await Record.ExceptionAsync(() => db.Database.ExecuteSqlRawAsync("""DELETE FROM "AuditEntries" WHERE "Sequence" = 1"""));

        Assert.Contains("append-only", update?.Message, StringComparison.Ordinal);
        Assert.Contains("append-only", delete?.Message, StringComparison.Ordinal);
        Assert.True((await AuditChain.VerifyAsync(scope.ServiceProvider.GetRequiredService<DatabaseConnection>())).Intact);
    }

    [Theory, ClassData(typeof(Providers))]
    public async Task Editing_a_row_behind_the_apps_back_is_found_at_that_row(DatabaseProvider provider)
    {
        await using var factory = await AttuneWebFactory.CreateAsync(provider);
        await TestUsers.SignedInAsync(factory);
        await TestUsers.SignedInAsync(factory);
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AttuneDb>();
        var database = scope.ServiceProvider.GetRequiredService<DatabaseConnection>();
        var before = await AuditChain.VerifyAsync(database);
        Assert.True(before.Intact);
        Assert.True(before.Verified >= 4, $"{before.Verified} entries");

        await AuditTampering.EditAsync(db, provider, sequence: 3);

        var after = await AuditChain.VerifyAsync(database);
        Assert.False(after.Intact);
        Assert.Equal(3, after.BrokenAt);
        Assert.Equal(2, after.Verified);
    }

    [Theory, ClassData(typeof(Providers))]
    public async Task A_removed_row_is_found_as_a_gap(DatabaseProvider provider)
    {
        await using var factory = await AttuneWebFactory.CreateAsync(provider);
        await TestUsers.SignedInAsync(factory);
        await TestUsers.SignedInAsync(factory);
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AttuneDb>();

        await AuditTampering.DeleteAsync(db, provider, sequence: 2);

        var after = await AuditChain.VerifyAsync(scope.ServiceProvider.GetRequiredService<DatabaseConnection>());
        Assert.Equal(2, after.BrokenAt);
        Assert.Contains("missing", after.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void ComputeHash_ChangedField_ChangesHash()
    {
        var entry = new AuditEntry { Sequence = 1, At = new DateTime(2026, 12, 5, 1, 2, 3, DateTimeKind.Utc), Action = "signin.succeeded", Result = "ok" };
        var hash = AuditChain.ComputeHash(null, entry);
        entry.Result = "failed";

        Assert.Matches("^[0-9a-f]{64}$", hash);
        Assert.NotEqual(hash, AuditChain.ComputeHash(null, entry));
        Assert.NotEqual(AuditChain.ComputeHash(null, entry), AuditChain.ComputeHash(hash, entry));
    }

    [Fact]
    public void Link_Entries_NumbersFromTheHeadAndChainsEachToThePrevious()
    {
        var entries = new[] { new AuditEntry { Action = "a", At = DateTime.UtcNow }, new AuditEntry { Action = "b", At = DateTime.UtcNow } };

        AuditChain.Link(41, new string('0', 63) + "1", entries);

        Assert.Equal([42L, 43L], entries.Select(e => e.Sequence));
        Assert.Equal(AuditChain.ComputeHash(new string('0', 63) + "1", entries[0]), entries[0].Hash);
        Assert.Equal(AuditChain.ComputeHash(entries[0].Hash, entries[1]), entries[1].Hash);
    }
}

/// <summary>What someone with direct access to the database could do: drop the guard, then change or remove a row.</summary>
public static class AuditTampering
{
    public static async Task EditAsync(AttuneDb db, DatabaseProvider provider, long sequence)
    {
        await DropGuardAsync(db, provider);
        await db.Database.ExecuteSqlAsync($"""UPDATE "AuditEntries" SET "Result" = 'failed' WHERE "Sequence" = {sequence}""");
    }

    public static async Task DeleteAsync(AttuneDb db, DatabaseProvider provider, long sequence)
    {
        await DropGuardAsync(db, provider);
        await db.Database.ExecuteSqlAsync($"""DELETE FROM "AuditEntries" WHERE "Sequence" = {sequence}""");
    }

    private static Task DropGuardAsync(AttuneDb db, DatabaseProvider provider) => provider == DatabaseProvider.Sqlite
        ? db.Database.ExecuteSqlRawAsync("""DROP TRIGGER "AuditEntries_no_update"; DROP TRIGGER "AuditEntries_no_delete";""")
        : db.Database.ExecuteSqlRawAsync("""DROP TRIGGER "AuditEntries_append_only" ON "AuditEntries";""");
}
