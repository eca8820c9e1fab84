using System.Data.Common;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Attune.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace Attune.Web.Features.Audit;

/// <summary>
/// The hash chain over <see cref="AuditEntry"/> rows. Entry n stores
/// <c>hash(n) = SHA-256(hash(n-1) ‖ UTF-8(canonical(n)))</c>, with 32 zero bytes before the first, so changing,
/// removing or reordering any row breaks every hash from there on. Appends are serialized across every process
/// that shares the database: PostgreSQL by a transaction-scoped advisory lock, SQLite by its single writer (the
/// transaction starts with <c>BEGIN IMMEDIATE</c>); the primary key on the sequence number refuses a fork even
/// if both failed.
/// </summary>
public static class AuditChain
{
    /// <summary>The advisory lock key on PostgreSQL ("attune-audit" in ASCII, as a number).</summary>
    public const long LockKey = 0x61747475_6e652d61;

    private const int CanonicalVersion = 1;

    private static readonly byte[] Genesis = new byte[32];

    /// <summary>
    /// The form that is hashed: a JSON array of every stored field but the hash, in a fixed order, with instants in
    /// UTC to the microsecond (what both databases keep), so it reads back identically from either.
    /// </summary>
    public static string Canonical(AuditEntry e) => JsonSerializer.Serialize(new object?[]
    {
        CanonicalVersion,
        e.Sequence,
        Microseconds(e.At).ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture),
        e.ActorId?.ToString("D"),
        e.OwnerId?.ToString("D"),
        e.Action,
        e.ResourceKind,
        e.ResourceId,
        e.Result,
        e.AddressHash,
    });

    public static string ComputeHash(string? previousHash, AuditEntry e)
    {
        Span<byte> previous = stackalloc byte[32];
        if (previousHash is null)
        {
            Genesis.CopyTo(previous);
        }
        else if (Convert.FromHexString(previousHash, previous, out _, out var written) != System.Buffers.OperationStatus.Done || written != 32)
        {
            // A mangled stored hash can never be a valid link; hash it as zeros so the mismatch shows at the next entry.
            previous.Clear();
        }
        var body = Encoding.UTF8.GetBytes(Canonical(e));
        var input = new byte[32 + body.Length];
        previous.CopyTo(input);
        body.CopyTo(input, 32);
        return Convert.ToHexStringLower(SHA256.HashData(input));
    }

    private static long _temporary;

    /// <summary>
    /// A key for an entry not yet linked: negative, unique in this process, so several new entries can be tracked at
    /// once; <see cref="Link"/> replaces it with the real number.
    /// </summary>
    public static long TemporarySequence() => Interlocked.Decrement(ref _temporary);

    /// <summary>Instants are kept to the microsecond: PostgreSQL's precision, and SQLite's text keeps at least that.</summary>
    public static DateTime Microseconds(DateTime at)
    {
        var utc = at.Kind == DateTimeKind.Utc ? at : DateTime.SpecifyKind(at, DateTimeKind.Utc);
        return new DateTime(utc.Ticks - utc.Ticks % 10, DateTimeKind.Utc);
    }

    /// <summary>
    /// Takes the append lock for the current transaction (there must be one). On SQLite the transaction already holds
    /// the database's write lock (EF Core begins it IMMEDIATE), so there is nothing more to take.
    /// </summary>
    public static async Task LockAsync(AttuneDb db, CancellationToken cancel)
    {
        if (db.Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException("The audit chain is locked inside a transaction.");
        }
        if (db.Database.IsNpgsql())
        {
            await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_xact_lock({LockKey})", cancel);
        }
    }

    /// <summary>The newest entry's number and hash, or (0, null) for an empty log. Call under <see cref="LockAsync"/>.</summary>
    public static async Task<(long Sequence, string? Hash)> HeadAsync(AttuneDb db, CancellationToken cancel)
    {
        var head = await db.AuditEntries.AsNoTracking().OrderByDescending(e => e.Sequence)
            .Select(e => new { e.Sequence, e.Hash }).FirstOrDefaultAsync(cancel);
        return head is null ? (0, null) : (head.Sequence, head.Hash);
    }

    /// <summary>Numbers and hashes <paramref name="entries"/> in order after the head. Call under <see cref="LockAsync"/>.</summary>
    public static void Link(long headSequence, string? headHash, IEnumerable<AuditEntry> entries)
    {
        var sequence = headSequence;
        var hash = headHash;
        foreach (var e in entries)
        {
            e.Sequence = ++sequence;
            e.At = Microseconds(e.At);
            e.Hash = hash = ComputeHash(hash, e);
        }
    }

    /// <summary>
    /// Walks the whole chain in order through a plain connection (no EF Core model, so it reads exactly what is
    /// stored). The first entry whose number is not the next one, or whose hash does not follow, is where it broke.
    /// </summary>
    public static async Task<AuditVerification> VerifyAsync(DatabaseConnection database, CancellationToken cancel = default)
    {
        await using var connection = database.Create();
        await connection.OpenAsync(cancel);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT "Sequence", "At", "ActorId", "OwnerId", "Action", "ResourceKind", "ResourceId", "Result", "AddressHash", "Hash"
            FROM "AuditEntries" ORDER BY "Sequence"
            """;
        await using var reader = await command.ExecuteReaderAsync(cancel);
        long expected = 1;
        string? previous = null;
        while (await reader.ReadAsync(cancel))
        {
            var entry = Read(reader);
            if (entry.Sequence != expected)
            {
                return new AuditVerification(expected - 1, expected, $"entry {expected} is missing (the next one is {entry.Sequence})");
            }
            if (!string.Equals(ComputeHash(previous, entry), entry.Hash, StringComparison.Ordinal))
            {
                return new AuditVerification(expected - 1, expected, $"entry {expected} does not match its hash (changed, or not in its place)");
            }
            previous = entry.Hash;
            expected++;
        }
        return new AuditVerification(expected - 1, null, null, previous);
    }

    private static AuditEntry Read(DbDataReader r) => new()
    {
        Sequence = r.GetInt64(0),
        At = r.GetValue(1) switch
        {
            DateTime d => DateTime.SpecifyKind(d, DateTimeKind.Utc),
            var text => DateTime.SpecifyKind(DateTime.Parse(Convert.ToString(text, CultureInfo.InvariantCulture)!, CultureInfo.InvariantCulture,
                DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal), DateTimeKind.Utc),
        },
        ActorId = r.IsDBNull(2) ? null : ReadGuid(r, 2),
        OwnerId = r.IsDBNull(3) ? null : ReadGuid(r, 3),
        Action = r.GetString(4),
        ResourceKind = r.IsDBNull(5) ? null : r.GetString(5),
        ResourceId = r.IsDBNull(6) ? null : r.GetString(6),
        Result = r.GetString(7),
        AddressHash = r.IsDBNull(8) ? null : r.GetString(8),
        Hash = r.IsDBNull(9) ? "" : r.GetString(9),
    };

    private static Guid ReadGuid(DbDataReader r, int i) => r.GetValue(i) is Guid g ? g : Guid.Parse(r.GetString(i));
}

/// <summary>What walking the chain found: how many entries hold, and the first broken one if any.</summary>
public sealed record AuditVerification(long Verified, long? BrokenAt, string? Problem, string? HeadHash = null)
{
    public bool Intact => BrokenAt is null;
}
