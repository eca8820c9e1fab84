using System.Linq.Expressions;
using Attune.Web.Data;
using Attune.Web.Features.Audit;
using Microsoft.EntityFrameworkCore;

namespace Attune.Web.Features.Sharing;

/// <summary>Whose rows a list asks for.</summary>
public enum Whose
{
    /// <summary>The reader's own.</summary>
    Mine,

    /// <summary>Other people's, shared with the reader.</summary>
    Shared,

    /// <summary>Both.</summary>
    All,
}

/// <summary>A row read through <see cref="Access"/>, with whose it is.</summary>
public sealed record Read<T>(Guid OwnerId, T Value);

/// <summary>
/// The one way to reach a person's health data. API endpoints, page handlers and hub methods ask it
/// for the caller's own rows (<see cref="Own{T}"/>) or for what the caller may read
/// (<see cref="FindAsync{T, TResult}"/>, <see cref="ListAsync{T, TResult}"/>); nothing else composes
/// "who may read this", and <see cref="HealthDataGuard"/> refuses queries that bypass it.
/// </summary>
/// <remarks>
/// Grants are read from the database inside the same query as the data, on every request: there is
/// no cache to outlive a revocation, on this node or any other (docs/decisions/0005-access-layer.md).
/// Every read of someone else's data appends to the owner's access log and to the audit log, once per item per
/// request, in one save. Every write through <see cref="Own{T}"/> that is saved is audited by <see cref="AuditInterceptor"/>;
/// bulk deletes go through <see cref="DeleteOwnAsync{T}"/>, which audits them too.
/// </remarks>
public sealed class Access(AttuneDb db, AuditLog audit, TimeProvider clock)
{
    /// <summary>The query tag that <see cref="HealthDataGuard"/> looks for.</summary>
    internal const string Tag = "attune:access";

    private readonly HashSet<(Guid Owner, DataStream Stream, Guid? Resource)> _logged = [];

    private int _deferring;

    /// <summary>
    /// The caller's own rows: for creating, changing and deleting, and for views only the owner has.
    /// </summary>
    public IQueryable<T> Own<T>(Guid me) where T : class, IOwnedData<T> => OwnedBy<T>(db, me);

    /// <summary>
    /// Runs a projection of the caller's own rows (a query built on <see cref="Own{T}"/>) as EF Core would, and hands
    /// its data reader to <paramref name="read"/> instead of materialising rows: for reads of tens of thousands of rows,
    /// where materialisation costs as much as the database. The query is compiled, guarded and tagged as any other.
    /// </summary>
    public async Task ReadOwnAsync<TRow>(IQueryable<TRow> own, Func<System.Data.Common.DbDataReader, CancellationToken, Task> read, CancellationToken cancel)
    {
        await using var command = own.CreateDbCommand();
        await db.Database.OpenConnectionAsync(cancel);
        try
        {
            await using var reader = await command.ExecuteReaderAsync(cancel);
            await read(reader, cancel);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    /// <summary>The same as <see cref="Own{T}"/>, for code that has a context but no <see cref="Access"/> (reads only).</summary>
    public static IQueryable<T> OwnedBy<T>(AttuneDb db, Guid me) where T : class, IOwnedData<T> =>
        db.Set<T>().TagWith(Tag).Where(x => x.OwnerId == me);

    /// <summary>
    /// One row the reader may read (their own, or shared with them through an active grant covering
    /// its stream), shaped by <paramref name="projection"/>; null when there is none or it is not theirs
    /// to see, which callers answer with the same 404. A read of someone else's row is logged.
    /// </summary>
    public async Task<Read<TResult>?> FindAsync<T, TResult>(
        Guid reader, Guid id, Expression<Func<T, TResult>> projection, CancellationToken cancel)
        where T : class, IOwnedData<T>
    {
        var found = await Readable<T>(reader, Whose.All).Where(x => x.Id == id)
            .Select(WithOwner(projection)).FirstOrDefaultAsync(cancel);
        if (found is not null && found.OwnerId != reader)
        {
            await LogAsync(reader, [(found.OwnerId, id)], T.Stream, cancel);
        }
        return found;
    }

    /// <summary>
    /// The rows the reader may read, narrowed and ordered by <paramref name="shape"/>. Seeing others' rows
    /// in a list is logged once per owner (without item ids).
    /// </summary>
    public async Task<List<Read<TResult>>> ListAsync<T, TResult>(
        Guid reader, Whose whose, Func<IQueryable<T>, IQueryable<T>> shape, Expression<Func<T, TResult>> projection,
        CancellationToken cancel)
        where T : class, IOwnedData<T>
    {
        var rows = await shape(Readable<T>(reader, whose)).Select(WithOwner(projection)).ToListAsync(cancel);
        var others = rows.Where(r => r.OwnerId != reader).Select(r => (r.OwnerId, (Guid?)null)).Distinct().ToList();
        if (others.Count > 0)
        {
            await LogAsync(reader, others, T.Stream, cancel);
        }
        return rows;
    }

    /// <summary>
    /// Runs <paramref name="reads"/> (several lists for one view) and saves their access-log and audit entries once at the
    /// end, instead of once per list: one transaction for a dashboard rather than one per stream. Entries are saved even
    /// when <paramref name="reads"/> fails part-way, for the reads that happened.
    /// </summary>
    public async Task<T> LoggedOnceAsync<T>(Func<Task<T>> reads, CancellationToken cancel)
    {
        _deferring++;
        try
        {
            return await reads();
        }
        finally
        {
            if (--_deferring == 0 && db.ChangeTracker.HasChanges())
            {
                await db.SaveChangesAsync(cancel);
            }
        }
    }

    /// <summary>
    /// True when <paramref name="reader"/> may read <paramref name="owner"/>'s <paramref name="stream"/> right
    /// now (themselves, or an active grant covering it). For live channels that check on every message.
    /// </summary>
    public Task<bool> MayReadAsync(Guid reader, Guid owner, DataStream stream, CancellationToken cancel) =>
        reader == owner
            ? Task.FromResult(true)
            : ActiveGrantsTo(reader, stream).AnyAsync(g => g.OwnerId == owner, cancel);

    /// <summary>
    /// Deletes the caller's own rows that <paramref name="which"/> selects, in one statement, with an audit entry for
    /// each (one transaction). Returns how many were deleted; zero is the caller's 404.
    /// </summary>
    public async Task<int> DeleteOwnAsync<T>(Guid me, Expression<Func<T, bool>> which, CancellationToken cancel) where T : class, IOwnedData<T>
    {
        List<Guid> ids = [];
        return await audit.BulkAsync(async () =>
        {
            ids = await Own<T>(me).Where(which).Select(x => x.Id).ToListAsync(cancel);
            return ids.Count == 0 ? 0 : await Own<T>(me).Where(x => ids.Contains(x.Id)).ExecuteDeleteAsync(cancel);
        }, (log, _) =>
        {
            var kind = AuditKinds.Of(typeof(T));
            foreach (var id in ids)
            {
                log.Add(AuditActions.Deleted(kind), me, kind, id.ToString());
            }
        }, cancel);
    }

    private IQueryable<Grant> ActiveGrantsTo(Guid reader, DataStream stream) =>
        db.Grants.Where(g => g.GranteeId == reader && g.Status == GrantStatus.Active && (g.Streams & stream) == stream);

    private IQueryable<T> Readable<T>(Guid reader, Whose whose) where T : class, IOwnedData<T>
    {
        var owners = ActiveGrantsTo(reader, T.Stream).Select(g => g.OwnerId);
        Expression<Func<T, bool>> own = x => x.OwnerId == reader;
        Expression<Func<T, bool>> granted = x => x.OwnerId != reader && owners.Contains(x.OwnerId);
        var shared = Predicates.And(granted, T.VisibleToGrantees);
        var filter = whose switch
        {
            Whose.Mine => own,
            Whose.Shared => shared,
            _ => Predicates.Or(own, shared),
        };
        return db.Set<T>().AsNoTracking().TagWith(Tag).Where(filter);
    }

    private async Task LogAsync(Guid reader, IEnumerable<(Guid Owner, Guid? Resource)> reads, DataStream stream, CancellationToken cancel)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var added = false;
        foreach (var (owner, resource) in reads)
        {
            if (_logged.Add((owner, stream, resource)))
            {
                db.AccessLog.Add(new AccessLogEntry { OwnerId = owner, ReaderId = reader, Stream = stream, ResourceId = resource, At = now });
                audit.Add(AuditActions.Read, owner, DataStreams.Name(stream), resource?.ToString(), actor: reader);
                added = true;
            }
        }
        if (added && _deferring == 0)
        {
            await db.SaveChangesAsync(cancel);
        }
    }

    private static Expression<Func<T, Read<TResult>>> WithOwner<T, TResult>(Expression<Func<T, TResult>> projection)
        where T : class, IOwnedData<T>
    {
        var x = projection.Parameters[0];
        var constructor = typeof(Read<TResult>).GetConstructor([typeof(Guid), typeof(TResult)])!;
        var owner = Expression.Property(x, typeof(T).GetProperty(nameof(IOwnedData<T>.OwnerId))!);
        return Expression.Lambda<Func<T, Read<TResult>>>(Expression.New(constructor, owner, projection.Body), x);
    }

    /// <summary>
    /// Every row of a set regardless of owner, for maintenance that is not a person reading (tests,
    /// exports of one's own account, erasure). Never for a request on someone's behalf.
    /// </summary>
    internal static IQueryable<T> Unchecked<T>(AttuneDb db) where T : class, IOwnedData<T> => db.Set<T>().TagWith(Tag);
}

/// <summary>Combines predicates over the same row type into one expression EF Core can translate.</summary>
internal static class Predicates
{
    public static Expression<Func<T, bool>> And<T>(Expression<Func<T, bool>> a, Expression<Func<T, bool>> b) =>
        Combine(a, b, Expression.AndAlso);

    public static Expression<Func<T, bool>> Or<T>(Expression<Func<T, bool>> a, Expression<Func<T, bool>> b) =>
        Combine(a, b, Expression.OrElse);

    private static Expression<Func<T, bool>> Combine<T>(
        Expression<Func<T, bool>> a, Expression<Func<T, bool>> b, Func<Expression, Expression, BinaryExpression> join)
    {
        var x = a.Parameters[0];
        var bBody = new Rebind(b.Parameters[0], x).Visit(b.Body);
        return Expression.Lambda<Func<T, bool>>(join(a.Body, bBody), x);
    }

    private sealed class Rebind(ParameterExpression from, ParameterExpression to) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : node;
    }
}
