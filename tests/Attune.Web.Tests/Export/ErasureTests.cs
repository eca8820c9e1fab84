using System.Net;
using System.Net.Http.Json;
using Attune.Web.Data;
using Attune.Web.Features.Accounts;
using Attune.Web.Features.Audit;
using Attune.Web.Tests.Infrastructure;
using Attune.Web.Tests.Sharing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Attune.Web.Tests.Export;

public sealed class ErasureTests
{
    [Theory, ClassData(typeof(Providers))]
    public async Task Erasure_leaves_no_row_anywhere_that_refers_to_the_person_and_others_lose_what_was_shared(DatabaseProvider provider)
    {
        await using var factory = await AttuneWebFactory.CreateAsync(provider);
        var me = await TestPeople.FilledAsync(factory);
        var friend = await TestPeople.FilledAsync(factory);
        // Both directions of sharing, a read each way (access log rows), an invitation to my address and a token.
        await TestSharing.ShareAsync(me.Client, friend.User, friend.Client, "recordings", "checkins");
        await TestSharing.ShareAsync(friend.Client, me.User, me.Client, "recordings", "checkins");
        Assert.Equal(HttpStatusCode.OK, (await friend.Client.GetAsync($"/api/v1/recordings/{me.Recording}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await me.Client.GetAsync($"/api/v1/recordings/{friend.Recording}")).StatusCode);
        var (third, thirdClient) = await TestUsers.SignedInAsync(factory);
        await TestSharing.InviteAsync(thirdClient, me.User.Email, "recordings");
        using var token = await TestUsers.WithAccessTokenAsync(factory, me.User);
        Assert.True(await ReferencesAsync(factory, me.User.Id) > 10);

        using var wrong = await EraseAsync(me.Client, "not my password");
        Assert.Equal(HttpStatusCode.Forbidden, wrong.StatusCode);
        Assert.True(await ReferencesAsync(factory, me.User.Id) > 10);

        using var erase = await EraseAsync(me.Client, TestUsers.Password);

        Assert.Equal(HttpStatusCode.NoContent, erase.StatusCode);
        Assert.Equal(0, await ReferencesAsync(factory, me.User.Id));
        Assert.Equal(HttpStatusCode.NotFound, (await friend.Client.GetAsync($"/api/v1/recordings/{me.Recording}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await friend.Client.GetAsync($"/api/v1/checkins/{me.SharedCheckIn}")).StatusCode);
        Assert.Empty((await TestSharing.ListAsync(friend.Client)).Given);
        Assert.Empty((await TestSharing.ListAsync(friend.Client)).Received);
        Assert.Empty((await TestSharing.ListAsync(thirdClient)).Given);
        // The friend's own data stays whole; their log still says a (now deleted) account read it.
        Assert.Equal(HttpStatusCode.OK, (await friend.Client.GetAsync($"/api/v1/recordings/{friend.Recording}")).StatusCode);
        var log = await TestSharing.AccessLogAsync(friend.Client);
        Assert.NotEmpty(log.Entries);
        Assert.Equal(HttpStatusCode.Unauthorized, (await me.Client.GetAsync("/api/v1/me")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await token.GetAsync("/api/v1/recordings")).StatusCode);
        Assert.DoesNotContain(factory.Logs.Entries, e => e.Message.Contains(me.User.Email, StringComparison.OrdinalIgnoreCase));
    }

    [Theory, ClassData(typeof(Providers))]
    public async Task Erasure_is_recorded_in_the_audit_log_by_account_id_only(DatabaseProvider provider)
    {
        await using var factory = await AttuneWebFactory.CreateAsync(provider);
        var me = await TestPeople.FilledAsync(factory);

        using var erase = await EraseAsync(me.Client, TestUsers.Password);

        Assert.Equal(HttpStatusCode.NoContent, erase.StatusCode);
        await using var scope = factory.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AttuneDb>();
        var erased = await db.AuditEntries.AsNoTracking().SingleAsync(e => e.Action == AuditActions.AccountErased);
        Assert.Equal(me.User.Id, erased.OwnerId);
        Assert.Equal("account", erased.ResourceKind);
        Assert.Equal(me.User.Id.ToString(), erased.ResourceId);
        var all = await db.AuditEntries.AsNoTracking().ToListAsync();
        Assert.DoesNotContain(all, e => System.Text.Json.JsonSerializer.Serialize(e).Contains(me.User.Email, StringComparison.OrdinalIgnoreCase)
            || System.Text.Json.JsonSerializer.Serialize(e).Contains(TestPeople.Note, StringComparison.Ordinal));
        var verified = await AuditChain.VerifyAsync(scope.ServiceProvider.GetRequiredService<DatabaseConnection>());
        Assert.True(verified.Intact, verified.Problem);
    }

    [Fact]
    public async Task Erasure_with_two_factor_on_needs_a_code_too()
    {
        await using var factory = await AttuneWebFactory.CreateAsync(DatabaseProvider.Sqlite);
        var (user, client) = await TestUsers.SignedInAsync(factory);
        using (var scope = factory.Services.CreateScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<Microsoft.AspNetCore.Identity.UserManager<AppUser>>();
            var row = await users.FindByIdAsync(user.Id.ToString());
            await users.ResetAuthenticatorKeyAsync(row!);
            await users.SetTwoFactorEnabledAsync(row!, true);
        }

        using var response = await EraseAsync(client, TestUsers.Password);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("twoFactorCode", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.True(await ReferencesAsync(factory, user.Id) > 0);
    }

    [Fact]
    public async Task A_missing_password_is_a_validation_problem_and_erases_nothing()
    {
        await using var factory = await AttuneWebFactory.CreateAsync(DatabaseProvider.Sqlite);
        var (user, client) = await TestUsers.SignedInAsync(factory);

        using var response = await client.SendAsync(new HttpRequestMessage(HttpMethod.Delete, "/api/v1/me") { Content = JsonContent.Create(new { }) });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True(await ReferencesAsync(factory, user.Id) > 0);
    }

    private static Task<HttpResponseMessage> EraseAsync(HttpClient client, string password) =>
        client.SendAsync(new HttpRequestMessage(HttpMethod.Delete, "/api/v1/me") { Content = JsonContent.Create(new { password }) });

    /// <summary>
    /// Rows in any table of the model that refer to the person: the user row, and every column with a foreign key to it.
    /// A table added later is covered without changing this test.
    /// </summary>
    public static async Task<int> ReferencesAsync(AttuneWebFactory factory, Guid userId)
    {
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AttuneDb>();
        var users = db.Model.FindEntityType(typeof(AppUser))!;
        var columns = new List<(string Table, string Column)> { (users.GetTableName()!, "Id") };
        foreach (var entity in db.Model.GetEntityTypes())
        {
            foreach (var key in entity.GetForeignKeys().Where(k => k.PrincipalEntityType == users))
            {
                columns.Add((entity.GetTableName()!, key.Properties.Single().GetColumnName()));
            }
        }
        Assert.True(columns.Count > 10, "The model should have many tables keyed to the person.");
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync();
        var total = 0;
        foreach (var (table, column) in columns.Distinct())
        {
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT COUNT(*) FROM \"{table}\" WHERE \"{column}\" = @id";
            var parameter = command.CreateParameter();
            parameter.ParameterName = "@id";
            // EF Core keeps SQLite's Guids as upper-case text; PostgreSQL has a uuid type.
            parameter.Value = factory.Provider == DatabaseProvider.Sqlite ? userId.ToString("D").ToUpperInvariant() : userId;
            command.Parameters.Add(parameter);
            total += Convert.ToInt32(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
        }
        return total;
    }
}
