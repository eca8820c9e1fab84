using Attune.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Attune.Web.Features.Admin;

/// <summary>Looking up and using invitation and sign-in link secrets: by hash, once, before they expire.</summary>
public static class Invitations
{
    /// <summary>The invitation this secret belongs to while it can still be used; null otherwise (whatever the reason).</summary>
    public static async Task<Invitation?> FindUsableAsync(AttuneDb db, string? secret, DateTime now, CancellationToken cancel = default)
    {
        if (!LinkSecrets.LooksValid(secret))
        {
            return null;
        }
        var hash = LinkSecrets.Hash(secret!);
        return await db.Invitations.AsNoTracking()
            .FirstOrDefaultAsync(i => i.TokenHash == hash && i.UsedAt == null && i.RevokedAt == null && i.ExpiresAt > now, cancel);
    }

    /// <summary>Uses the invitation for <paramref name="user"/>; false when someone else used it first (one statement decides).</summary>
    public static async Task<bool> UseAsync(AttuneDb db, Guid id, Guid user, DateTime now, CancellationToken cancel = default) =>
        await db.Invitations.Where(i => i.Id == id && i.UsedAt == null && i.RevokedAt == null && i.ExpiresAt > now)
            .ExecuteUpdateAsync(u => u.SetProperty(i => i.UsedAt, now).SetProperty(i => i.UsedBy, user), cancel) == 1;
}

/// <summary>One-time sign-in links made on the server for an administrator (<c>admin create</c>).</summary>
public static class SignInLinks
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(15);

    public static async Task<string> CreateAsync(AttuneDb db, Guid user, DateTime now, CancellationToken cancel = default)
    {
        var (secret, hash) = LinkSecrets.New();
        db.SignInLinks.Add(new SignInLink { Id = Guid.CreateVersion7(), UserId = user, TokenHash = hash, CreatedAt = now, ExpiresAt = now + Lifetime });
        await db.SaveChangesAsync(cancel);
        return secret;
    }

    public static async Task<SignInLink?> FindUsableAsync(AttuneDb db, string? secret, DateTime now, CancellationToken cancel = default)
    {
        if (!LinkSecrets.LooksValid(secret))
        {
            return null;
        }
        var hash = LinkSecrets.Hash(secret!);
        return await db.SignInLinks.AsNoTracking().FirstOrDefaultAsync(l => l.TokenHash == hash && l.UsedAt == null && l.ExpiresAt > now, cancel);
    }

    public static async Task<bool> UseAsync(AttuneDb db, Guid id, DateTime now, CancellationToken cancel = default) =>
        await db.SignInLinks.Where(l => l.Id == id && l.UsedAt == null && l.ExpiresAt > now)
            .ExecuteUpdateAsync(u => u.SetProperty(l => l.UsedAt, now), cancel) == 1;
}
