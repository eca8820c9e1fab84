using System.Collections.Concurrent;
using System.Security.Claims;
using Attune.Web.Data;
using Attune.Web.Features.Accounts;
using Attune.Web.Features.Sharing;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Attune.Web.Features.Audit;

/// <summary>
/// Makes the audit log part of every save, in the same transaction as the change it records:
/// <list type="bullet">
/// <item>each created, changed or deleted row of a person's data (<see cref="IOwnedData{TSelf}"/>), and the account
/// changes Identity makes (created, deleted, password, two-factor, email) and new sessions, tokens and grants, become
/// entries without their handlers saying so;</item>
/// <item>entries added explicitly (<see cref="AuditLog"/>) ride along;</item>
/// <item>all of them are numbered and hashed after the chain's head under the append lock (<see cref="AuditChain"/>),
/// in a transaction this interceptor opens when the caller has none and commits when the save succeeds.</item>
/// </list>
/// Bulk <c>ExecuteUpdate</c>/<c>ExecuteDelete</c> bypass saves; their callers record through <see cref="AuditLog"/>.
/// </summary>
public sealed class AuditInterceptor(IHttpContextAccessor http, AuditAddresses addresses, TimeProvider clock) : SaveChangesInterceptor
{
    private static readonly ConcurrentDictionary<Type, bool> OwnedTypes = new();

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is AttuneDb db && Prepare(db) is { Count: > 0 } pending)
        {
            if (db.Database.CurrentTransaction is null)
            {
                db.AuditTransaction = await db.Database.BeginTransactionAsync(cancellationToken);
            }
            await AuditChain.LockAsync(db, cancellationToken);
            var (sequence, hash) = await AuditChain.HeadAsync(db, cancellationToken);
            AuditChain.Link(sequence, hash, pending);
        }
        return result;
    }

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        if (eventData.Context is AttuneDb db && Prepare(db) is { Count: > 0 } pending)
        {
            if (db.Database.CurrentTransaction is null)
            {
                db.AuditTransaction = db.Database.BeginTransaction();
            }
            if (db.Database.IsNpgsql())
            {
                db.Database.ExecuteSqlRaw($"SELECT pg_advisory_xact_lock({AuditChain.LockKey})");
            }
            var head = db.AuditEntries.AsNoTracking().OrderByDescending(e => e.Sequence).Select(e => new { e.Sequence, e.Hash }).FirstOrDefault();
            AuditChain.Link(head?.Sequence ?? 0, head?.Hash, pending);
        }
        return result;
    }

    public override async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is AttuneDb { AuditTransaction: { } transaction } db)
        {
            db.AuditTransaction = null;
            await using (transaction)
            {
                await transaction.CommitAsync(cancellationToken);
            }
        }
        return result;
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        if (eventData.Context is AttuneDb { AuditTransaction: { } transaction } db)
        {
            db.AuditTransaction = null;
            using (transaction)
            {
                transaction.Commit();
            }
        }
        return result;
    }

    public override async Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default) =>
        await EndAsync(eventData.Context);

    public override void SaveChangesFailed(DbContextErrorEventData eventData) => EndAsync(eventData.Context).GetAwaiter().GetResult();

    public override async Task SaveChangesCanceledAsync(DbContextEventData eventData, CancellationToken cancellationToken = default) =>
        await EndAsync(eventData.Context);

    /// <summary>A failed save leaves nothing: the transaction this interceptor opened is rolled back.</summary>
    private static async Task EndAsync(DbContext? context)
    {
        if (context is AttuneDb { AuditTransaction: { } transaction } db)
        {
            db.AuditTransaction = null;
            await transaction.DisposeAsync();
        }
    }

    /// <summary>The entries this save will append: those derived from its changes (made afresh each try) and explicit ones.</summary>
    private List<AuditEntry> Prepare(AttuneDb db)
    {
        db.ChangeTracker.DetectChanges();
        foreach (var stale in db.ChangeTracker.Entries<AuditEntry>().Where(e => e.State == EntityState.Added && e.Entity.Derived).ToList())
        {
            stale.State = EntityState.Detached;
        }
        var context = http.HttpContext;
        var actor = ActorOf(context?.User);
        var address = addresses.Hash(context?.Connection.RemoteIpAddress?.ToString());
        var now = clock.GetUtcNow().UtcDateTime;
        var derived = new List<AuditEntry>();
        foreach (var entry in db.ChangeTracker.Entries().ToList())
        {
            if (entry.State is EntityState.Added or EntityState.Modified or EntityState.Deleted)
            {
                Derive(entry, actor, derived);
            }
        }
        foreach (var e in derived)
        {
            e.Derived = true;
            e.Sequence = AuditChain.TemporarySequence();
            e.At = now;
            e.AddressHash ??= address;
            db.AuditEntries.Add(e);
        }
        return [.. db.ChangeTracker.Entries<AuditEntry>().Where(e => e.State == EntityState.Added).Select(e => e.Entity)
            .OrderBy(e => e.Derived ? 0 : 1)];
    }

    private static void Derive(EntityEntry entry, Guid? actor, List<AuditEntry> into)
    {
        var type = entry.Metadata.ClrType;
        if (OwnedTypes.GetOrAdd(type, HealthDataGuard.IsOwnedData))
        {
            var owner = (Guid)entry.Property("OwnerId").CurrentValue!;
            var kind = AuditKinds.Of(type);
            var action = entry.State switch
            {
                EntityState.Added => AuditActions.Created(kind),
                EntityState.Deleted => AuditActions.Deleted(kind),
                _ => AuditActions.Updated(kind),
            };
            // Only an owner can write their data (Access.Own), so a write queued outside a request is the owner's.
            // The primary key names the row (for one-per-person rows such as check-in settings, that is the owner).
            var key = entry.Metadata.FindPrimaryKey()!.Properties
                .Select(p => Convert.ToString(entry.Property(p.Name).CurrentValue, System.Globalization.CultureInfo.InvariantCulture));
            into.Add(New(action, actor ?? owner, owner, kind, string.Join(",", key)));
            return;
        }
        switch (entry.Entity)
        {
            case AppUser user:
                DeriveAccount(entry, user, actor, into);
                break;
            case UserSession session when entry.State == EntityState.Added:
                into.Add(New(AuditActions.SignInSucceeded, session.UserId, session.UserId, "session", session.Id.ToString()));
                break;
            case PersonalAccessToken token when entry.State == EntityState.Added:
                into.Add(New(AuditActions.TokenCreated, actor ?? token.UserId, token.UserId, "token", token.Id.ToString()));
                break;
            case PersonalAccessToken token when entry.State == EntityState.Modified && entry.Property(nameof(PersonalAccessToken.RevokedAt)).IsModified:
                into.Add(New(AuditActions.TokenRevoked, actor, token.UserId, "token", token.Id.ToString()));
                break;
            case IdentityUserPasskey<Guid> passkey when entry.State is EntityState.Added or EntityState.Deleted:
                into.Add(New(entry.State == EntityState.Added ? AuditActions.PasskeyAdded : AuditActions.PasskeyRemoved,
                    actor ?? passkey.UserId, passkey.UserId, "passkey", Passkeys.AuditId(passkey.CredentialId)));
                break;
            case Grant grant when entry.State == EntityState.Added:
                into.Add(New(AuditActions.GrantCreated, actor ?? grant.OwnerId, grant.OwnerId, "grant", grant.Id.ToString()));
                break;
        }
    }

    private static void DeriveAccount(EntityEntry entry, AppUser user, Guid? actor, List<AuditEntry> into)
    {
        var id = user.Id.ToString();
        if (entry.State == EntityState.Added)
        {
            into.Add(New(AuditActions.AccountCreated, actor, user.Id, "account", id));
            return;
        }
        if (entry.State == EntityState.Deleted)
        {
            into.Add(New(AuditActions.AccountDeleted, actor, user.Id, "account", id));
            return;
        }
        if (Changed(entry, nameof(AppUser.PasswordHash)))
        {
            into.Add(New(AuditActions.PasswordChanged, actor, user.Id, "account", id));
        }
        if (Changed(entry, nameof(AppUser.TwoFactorEnabled)))
        {
            into.Add(New(user.TwoFactorEnabled ? AuditActions.TwoFactorEnabled : AuditActions.TwoFactorDisabled, actor, user.Id, "account", id));
        }
        if (Changed(entry, nameof(AppUser.Email)))
        {
            into.Add(New(AuditActions.EmailChanged, actor, user.Id, "account", id));
        }
        if (Changed(entry, nameof(AppUser.EmailConfirmed)) && user.EmailConfirmed)
        {
            into.Add(New(AuditActions.EmailConfirmed, actor, user.Id, "account", id));
        }
    }

    private static bool Changed(EntityEntry entry, string property)
    {
        var p = entry.Property(property);
        return p.IsModified && !Equals(p.OriginalValue, p.CurrentValue);
    }

    private static AuditEntry New(string action, Guid? actor, Guid? owner, string? kind, string? id) => new()
    {
        Action = action,
        ActorId = actor,
        OwnerId = owner,
        ResourceKind = kind,
        ResourceId = id,
        Result = AuditResults.Ok,
    };

    public static Guid? ActorOf(ClaimsPrincipal? user) =>
        user?.Identity?.IsAuthenticated == true && Guid.TryParse(user.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : null;
}
