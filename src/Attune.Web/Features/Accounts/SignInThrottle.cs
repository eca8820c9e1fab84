using System.Collections.Concurrent;

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
/// In memory, per process, like the rate limiters.
/// </summary>
public sealed class SignInThrottle(TimeProvider clock, Microsoft.Extensions.Options.IOptions<SignInThrottleOptions> options)
{
    private const int PruneAbove = 10_000;

    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    /// <summary>How long this attempt must wait, or null when it may go ahead.</summary>
    public TimeSpan? WaitFor(string account, string? client)
    {
        var now = clock.GetUtcNow();
        var wait = TimeSpan.Zero;
        foreach (var key in Keys(account, client))
        {
            if (_entries.TryGetValue(key, out var entry) && entry.BlockedUntil > now && entry.BlockedUntil - now > wait)
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
            _entries.AddOrUpdate(key,
                _ => Next(new Entry(0, now, now), now, free, cap, o.FirstDelaySeconds),
                (_, entry) => Next(now - entry.LastFailure > forget ? new Entry(0, now, now) : entry, now, free, cap, o.FirstDelaySeconds));
        }
        if (_entries.Count > PruneAbove)
        {
            Prune(now - forget);
        }
    }

    /// <summary>The right password for this account: its own count starts again (the client's does not).</summary>
    public void Succeeded(string account) => _entries.TryRemove(AccountKey(account), out _);

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
