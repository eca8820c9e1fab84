using Attune.Web.Features.Sharing;

namespace Attune.Web.Features.Therapists;

/// <summary>
/// The words a client agrees to when they let a therapist see some of their data. Each change gets a new version; every
/// therapist grant records the version its owner read (<see cref="Grant.ConsentVersion"/>), and the client's ledger shows it.
/// </summary>
public static class TherapistConsent
{
    public const int CurrentVersion = 1;

    /// <summary>What a client may share with a therapist, in the order the consent page lists them.</summary>
    public static IReadOnlyList<DataStream> Streams { get; } =
        [DataStream.CheckIns, DataStream.Practices, DataStream.Measures, DataStream.Recordings, DataStream.Together];

    /// <summary>Every version ever shown, so the ledger can show exactly what was agreed to.</summary>
    public static IReadOnlyDictionary<int, IReadOnlyList<string>> Versions { get; } = new Dictionary<int, IReadOnlyList<string>>
    {
        [1] =
        [
            "Your therapist sees only the kinds of data you tick below, between sessions and in session: what is there now and what you add later. Check-ins count only when you marked them shared.",
            "They can look, not change anything. Every time they open something of yours, it appears under “Who looked at my data”.",
            "If you share measures and answer the low-mood questionnaire's question about thoughts of being better off dead or of hurting yourself with anything other than “not at all”, your therapist will see that too, the next time they look. Attune does not alert anyone at once: if you are in danger now, please use Help now.",
            "Your therapist may set you practices or questionnaires to do between sessions; you see them here, with how they are going, and you can ignore them.",
            "Your therapist's own notes about your sessions are theirs: they are not part of your data, your partner never sees them, and they are not in your export.",
            "You can stop sharing any kind of data, or everything, at any moment. It takes effect on their very next look; we can't take back what they have already seen.",
        ],
    };

    public static IReadOnlyList<string> Text => Versions[CurrentVersion];

    public static DataStream? Parse(IReadOnlyCollection<string>? names)
    {
        if (names is null || names.Count == 0 || names.Count > 10)
        {
            return null;
        }
        var streams = DataStream.None;
        foreach (var name in names)
        {
            var stream = Streams.FirstOrDefault(s => string.Equals(DataStreams.Name(s), name?.Trim(), StringComparison.OrdinalIgnoreCase));
            if (stream == DataStream.None)
            {
                return null;
            }
            streams |= stream;
        }
        return streams;
    }

    public static string StreamsProblem => $"Please choose at least one of: {string.Join(", ", Streams.Select(DataStreams.Name))}.";
}
