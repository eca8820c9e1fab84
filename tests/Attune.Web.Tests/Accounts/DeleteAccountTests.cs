using System.Net;
using Attune.Web.Data;
using Attune.Web.Features.Accounts;
using Attune.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Attune.Web.Tests.Accounts;

public sealed class DeleteAccountTests
{
    [Theory, ClassData(typeof(Providers))]
    public async Task Deleting_the_account_erases_the_user_sessions_and_tokens_and_old_cookies_stop_working(DatabaseProvider provider)
    {
        await using var factory = await AttuneWebFactory.CreateAsync(provider);
        using var laptop = factory.NewBrowser();
        var email = await laptop.RegisterAndSignInAsync();
        using var phone = factory.NewBrowser();
        (await phone.SignInAsync(email)).Dispose();
        Assert.True(await phone.IsSignedInAsync());
        (await laptop.SubmitAsync("/settings/tokens", new Dictionary<string, string> { ["Input.Name"] = "Script", ["Input.ExpiresInDays"] = "30", ["Input.Scopes"] = TokenScopes.RecordingsRead }, handler: "Create")).Dispose();
        Guid userId;
        using (var scope = factory.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AttuneDb>();
            userId = await db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync();
            Assert.Equal(2, await db.UserSessions.CountAsync(s => s.UserId == userId));
            Assert.Equal(1, await db.PersonalAccessTokens.CountAsync(t => t.UserId == userId));
        }

        using var wrong = await laptop.SubmitAsync("/settings/delete", new Dictionary<string, string> { ["password"] = "not my password" });
        Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        using var delete = await laptop.SubmitAsync("/settings/delete", new Dictionary<string, string> { ["password"] = Browser.Password });

        Assert.Equal(HttpStatusCode.Redirect, delete.StatusCode);
        Assert.Equal("/account/login", delete.Headers.Location?.OriginalString);
        Assert.Contains("has been erased", await laptop.GetPageAsync("/account/login"), StringComparison.Ordinal);
        using (var scope = factory.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AttuneDb>();
            Assert.False(await db.Users.AnyAsync(u => u.Id == userId));
            Assert.False(await db.UserSessions.AnyAsync(s => s.UserId == userId));
            Assert.False(await db.PersonalAccessTokens.AnyAsync(t => t.UserId == userId));
        }
        Assert.False(await phone.IsSignedInAsync());
        Assert.False(await laptop.IsSignedInAsync());
    }
}
