using System.Collections.Concurrent;
using System.Globalization;
using Attune.Web.Infrastructure;

namespace Attune.Web.Features.Accounts;

/// <summary>Limits of <see cref="SignInThrottle"/> (section <c>SignInThrottle</c>); decision 0007 explains the defaults.</summary>
public sealed class SignInThrottleOptions
{
    public const string Section = "SignInThrottle";

    /// <summary>Wrong passwords for one address, from anywhere, after which each further attempt must wait.</summary>
    public int FreeFailuresPerAccount { get; set; } = 10;

    /// <summary>Wrong passwords from one client address, for any accounts, after which each further attempt must wait.</summary>
    public int FreeFailuresPerClient { get; set; } = 5;

    /// <summary>The first wait; each further failure doubles it.</summary>
    public int FirstDelaySeconds { get; set; } = 5;

    /// <summary>The longest wait an account's owner can be made to sit out by someone else's guesses.</summary>
    public int MaxDelayPerAccountSeconds { get; set; } = 60;

    /// <summary>The longest wait for one client address that keeps guessing.</summary>
    public int MaxDelayPerClientSeconds { get; set; } = 15 * 60;

    /// <summary>Failures are forgotten after this long without a new one.</summary>
    public int ForgetAfterMinutes { get; set; } = 15;
}

/// <summary>
/// Slows password guessing down without letting anyone lock an account (decision 0007). Failures are counted per
/// typed email address (whether or not it has an account, so the answers are the same) and per client address;
/// past a few free failures each key must wait, and the wait doubles with every further failure, up to a cap that
/// is short for an account (its owner is never kept out for long) and long for a client address. Attempts made
/// while waiting are refused without checking the password and do not count, so guessing faster gains nothing.
/// In memory, per process, like the rate limiters; with Redis configured, in Redis, so every node counts the same
/// failures (decision 0020), and in memory again for as long as Redis cannot be reached.
/// </summary>
public sealed class SignInThrottle(TimeProvider clock, Microsoft.Extensions.Options.IOptions<SignInThrottleOptions> options,
    ILogger<SignInThrottle> log, RedisConnection? redis = null)
{
    private const int PruneAbove = 10_000;
    private const string RedisPrefix = "attune:throttle:";

    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    /// <summary>How long this attempt must wait, or null when it may go ahead.</summary>
    public TimeSpan? WaitFor(string account, string? client)
    {
        var now = clock.GetUtcNow();
        var wait = TimeSpan.Zero;
        foreach (var key in Keys(account, client))
        {
            if (Read(key) is { } entry && entry.BlockedUntil > now && entry.BlockedUntil - now > wait)
            {
                wait = entry.BlockedUntil - now;
            }
        }
        return wait > TimeSpan.Zero ? wait : null;
    }

    /// <summary>Counts a wrong password (or code) for the account and the client address.</summary>
    public void Failed(string account, string? client)
    {
        var now = clock.GetUtcNow();
        var o = options.Value;
        var forget = TimeSpan.FromMinutes(o.ForgetAfterMinutes);
        foreach (var key in Keys(account, client))
        {
            var (free, cap) = key.StartsWith("a:", StringComparison.Ordinal)
                ? (o.FreeFailuresPerAccount, o.MaxDelayPerAccountSeconds)
                : (o.FreeFailuresPerClient, o.MaxDelayPerClientSeconds);
            Entry Update(Entry? entry) =>
                Next(entry is null || now - entry.LastFailure > forget ? new Entry(0, now, now) : entry, now, free, cap, o.FirstDelaySeconds);
            if (!TryUpdateInRedis(key, Update, forget + TimeSpan.FromSeconds(cap)))
            {
                _entries.AddOrUpdate(key, _ => Update(null), (_, entry) => Update(entry));
            }
        }
        if (_entries.Count > PruneAbove)
        {
            Prune(now - forget);
        }
    }

    /// <summary>The right password for this account: its own count starts again (the client's does not).</summary>
    public void Succeeded(string account)
    {
        _entries.TryRemove(AccountKey(account), out _);
        OnRedis(db => db.KeyDelete(RedisPrefix + AccountKey(account)));
    }

    private Entry? Read(string key)
    {
        if (redis is not null && OnRedis(db => (Found: true, Entry: Parse(db.StringGet(RedisPrefix + key)))) is { Found: true } stored)
        {
            return stored.Entry;
        }
        return _entries.TryGetValue(key, out var entry) ? entry : null;
    }

    /// <summary>
    /// Read, compute, write only if nobody wrote in between (a conditional transaction), so two nodes counting the same
    /// failure at once both count. False when Redis is not configured or cannot be reached.
    /// </summary>
    private bool TryUpdateInRedis(string key, Func<Entry?, Entry> update, TimeSpan keep)
    {
        return OnRedis(db =>
        {
            var redisKey = new StackExchange.Redis.RedisKey(RedisPrefix + key);
            for (var attempt = 0; attempt < 10; attempt++)
            {
                var stored = db.StringGet(redisKey);
                var transaction = db.CreateTransaction();
                transaction.AddCondition(stored.IsNull ? StackExchange.Redis.Condition.KeyNotExists(redisKey) : StackExchange.Redis.Condition.StringEqual(redisKey, stored));
                _ = transaction.StringSetAsync(redisKey, Format(update(Parse(stored))), keep);
                if (transaction.Execute())
                {
                    return true;
                }
            }
            return false;
        }) is true;
    }

    /// <summary>Runs <paramref name="command"/> on Redis; null when Redis is not configured or away (then this process counts alone).</summary>
    private T? OnRedis<T>(Func<StackExchange.Redis.IDatabase, T> command)
    {
        if (redis is null)
        {
            return default;
        }
        try
        {
            return command(redis.Database);
        }
        catch (Exception e) when (e is StackExchange.Redis.RedisException or TimeoutException)
        {
            log.LogWarning("Redis cannot be reached for the sign-in throttle ({Reason}); this node counts alone meanwhile.", e.Message);
            return default;
        }
    }

    private static string Format(Entry entry) => string.Join('|',
        entry.Failures.ToString(CultureInfo.InvariantCulture),
        entry.LastFailure.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture),
        entry.BlockedUntil.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture));

    private static Entry? Parse(StackExchange.Redis.RedisValue stored)
    {
        var parts = stored.IsNullOrEmpty ? [] : stored.ToString().Split('|');
        return parts.Length == 3
            && int.TryParse(parts[0], CultureInfo.InvariantCulture, out var failures)
            && long.TryParse(parts[1], CultureInfo.InvariantCulture, out var last)
            && long.TryParse(parts[2], CultureInfo.InvariantCulture, out var blocked)
            ? new Entry(failures, DateTimeOffset.FromUnixTimeMilliseconds(last), DateTimeOffset.FromUnixTimeMilliseconds(blocked))
            : null;
    }

    private static Entry Next(Entry entry, DateTimeOffset now, int free, int capSeconds, int firstDelaySeconds)
    {
        var failures = entry.Failures + 1;
        if (failures < free)
        {
            return new Entry(failures, now, entry.BlockedUntil);
        }
        var doublings = Math.Min(failures - free, 30);
        var seconds = Math.Min((double)capSeconds, firstDelaySeconds * Math.Pow(2, doublings));
        return new Entry(failures, now, now + TimeSpan.FromSeconds(seconds));
    }

    private void Prune(DateTimeOffset before)
    {
        foreach (var (key, entry) in _entries)
        {
            if (entry.LastFailure < before && entry.BlockedUntil < before)
            {
                _entries.TryRemove(key, out _);
            }
        }
    }

    private static string AccountKey(string account) => "a:" + account.Trim().ToUpperInvariant();

    private static IEnumerable<string> Keys(string account, string? client)
    {
        yield return AccountKey(account);
        yield return "c:" + (client ?? "unknown");
    }

    private sealed record Entry(int Failures, DateTimeOffset LastFailure, DateTimeOffset BlockedUntil);
}
