using Attune.Web.Features.CheckIns;

namespace Attune.Web.Features.Together.Live;

/// <summary>Which of the two a person is in a session: the one who started it, or their partner.</summary>
public enum LiveRole
{
    Starter,
    Partner,
}

/// <summary>What a live session is for: partners breathing together, or a therapist and a client in session.</summary>
public enum LiveKind
{
    /// <summary>Two linked partners, one shared pacer (decision 0016).</summary>
    Breathe,

    /// <summary>A therapist (the starter) and one client who agreed for this session; no pacer (decision 0023).</summary>
    InSession,
}

/// <summary>One person's part of a session under way. Guarded by the session's lock.</summary>
internal sealed class LivePerson(Guid userId)
{
    public Guid UserId { get; } = userId;

    /// <summary>The hub connection that joined; null before joining and after a drop.</summary>
    public string? ConnectionId { get; set; }

    public DateTime? JoinedAt { get; set; }

    /// <summary>When the connection dropped (server milliseconds); null while here.</summary>
    public double? DroppedAtMs { get; set; }

    public NervousState? Before { get; set; }

    /// <summary>When anything last came from this person (server milliseconds), on any node: a dead node's clients fall silent.</summary>
    public double LastHeardMs { get; set; }

    /// <summary>Beats of the last minute or so, for live synchrony: seconds from the pacer's start, bpm.</summary>
    public Queue<(double AtS, int Bpm)>? Recent { get; set; }

    /// <summary>Per second from the pacer's start: the sum and count of bpm received, for the curve.</summary>
    public List<(int Sum, int Count)>? Seconds { get; set; }

    public string Presence => JoinedAt is null ? "invited" : ConnectionId is null ? "dropped" : "here";

    public void Add(double atS, int bpm, double windowS)
    {
        Recent ??= new Queue<(double, int)>();
        Recent.Enqueue((atS, bpm));
        while (Recent.Count > 0 && Recent.Peek().AtS < atS - windowS)
        {
            Recent.Dequeue();
        }
        Seconds ??= [];
        var second = (int)Math.Floor(atS);
        if (second < 0 || second >= BreathSessions.MaxSeconds)
        {
            return;
        }
        while (Seconds.Count <= second)
        {
            Seconds.Add((0, 0));
        }
        var (sum, count) = Seconds[second];
        Seconds[second] = (sum + bpm, count + 1);
    }
}

/// <summary>
/// A session under way, held in memory; with several nodes each holds a copy kept in step through Redis (see
/// <see cref="LiveReplica"/> and docs/decisions/0020-several-nodes.md). Everything about it changes under <see cref="Gate"/>.
/// </summary>
internal sealed class LiveSession(
    Guid id, Guid starterId, Guid partnerId, DateTime createdAt, double pacerStartMs, double breathsPerMinute, LiveKind kind = LiveKind.Breathe)
{
    public LiveKind Kind { get; } = kind;

    public Lock Gate { get; } = new();

    public Guid Id { get; } = id;

    public DateTime CreatedAt { get; } = createdAt;

    /// <summary>Server clock (Unix milliseconds) at which the first breath began.</summary>
    public double PacerStartMs { get; } = pacerStartMs;

    public double BreathsPerMinute { get; } = breathsPerMinute;

    public LivePerson Starter { get; } = new(starterId);

    public LivePerson Partner { get; } = new(partnerId);

    public bool Ended { get; set; }

    public string Group => (Kind == LiveKind.InSession ? "in-session:" : "breathe:") + Id.ToString("N");

    public LivePerson? Of(Guid userId) => userId == Starter.UserId ? Starter : userId == Partner.UserId ? Partner : null;

    public LiveRole RoleOf(Guid userId) => userId == Starter.UserId ? LiveRole.Starter : LiveRole.Partner;

    public LivePerson Other(Guid userId) => userId == Starter.UserId ? Partner : Starter;
}

/// <summary>A session's whole state, as a node that holds it sends it to one that does not (decision 0025).</summary>
internal sealed record LiveSnapshot(
    Guid Id, DateTime CreatedAt, double PacerStartMs, double BreathsPerMinute, LivePersonSnapshot Starter, LivePersonSnapshot Partner,
    LiveKind Kind = LiveKind.Breathe)
{
    /// <summary>Taken under the session's lock.</summary>
    public static LiveSnapshot Of(LiveSession s)
    {
        lock (s.Gate)
        {
            return new LiveSnapshot(s.Id, s.CreatedAt, s.PacerStartMs, s.BreathsPerMinute, LivePersonSnapshot.Of(s.Starter), LivePersonSnapshot.Of(s.Partner), s.Kind);
        }
    }

    public LiveSession ToSession()
    {
        var session = new LiveSession(Id, Starter.UserId, Partner.UserId, CreatedAt, PacerStartMs, BreathsPerMinute, Kind);
        Starter.CopyTo(session.Starter);
        Partner.CopyTo(session.Partner);
        return session;
    }
}

/// <summary>One person's part of a <see cref="LiveSnapshot"/>: the recent beats and the per-second sums as parallel arrays.</summary>
internal sealed record LivePersonSnapshot(
    Guid UserId, string? ConnectionId, DateTime? JoinedAt, double? DroppedAtMs, NervousState? Before, double LastHeardMs,
    double[] RecentAtS, int[] RecentBpm, int[] SecondSums, int[] SecondCounts)
{
    public static LivePersonSnapshot Of(LivePerson p) => new(p.UserId, p.ConnectionId, p.JoinedAt, p.DroppedAtMs, p.Before, p.LastHeardMs,
        [.. (p.Recent ?? []).Select(r => r.AtS)], [.. (p.Recent ?? []).Select(r => r.Bpm)],
        [.. (p.Seconds ?? []).Select(s => s.Sum)], [.. (p.Seconds ?? []).Select(s => s.Count)]);

    public void CopyTo(LivePerson p)
    {
        p.ConnectionId = ConnectionId;
        p.JoinedAt = JoinedAt;
        p.DroppedAtMs = DroppedAtMs;
        p.Before = Before;
        p.LastHeardMs = LastHeardMs;
        p.Recent = new Queue<(double, int)>(RecentAtS.Zip(RecentBpm));
        p.Seconds = [.. SecondSums.Zip(SecondCounts)];
    }
}
