using System.Collections.Concurrent;
using Attune.Web.Features.CheckIns;
using Attune.Web.Features.Integration;
using Attune.Web.Features.Measures;
using Attune.Web.Features.Practices;
using Attune.Web.Features.Recordings;
using Attune.Web.Features.Together;

namespace Attune.Web.Features.Audit;

/// <summary>The resource kind recorded for each kind of owned data; a new feature's entity gets its lower-case type name.</summary>
public static class AuditKinds
{
    private static readonly ConcurrentDictionary<Type, string> Known = new(new Dictionary<Type, string>
    {
        [typeof(CheckIn)] = "checkin",
        [typeof(Recording)] = "recording",
        [typeof(CustomEmotion)] = "word",
        [typeof(CheckInPreferences)] = "checkin-settings",
        [typeof(PushSubscription)] = "push-device",
        [typeof(PracticeSession)] = "practice-session",
        [typeof(PracticePreferences)] = "practice-settings",
        [typeof(OwnPractice)] = "own-practice",
        [typeof(MeasureResponse)] = "measure",
        [typeof(IntegrationReflection)] = "reflection",
        [typeof(RitualMoment)] = "ritual-moment",
        [typeof(TogetherPreferences)] = "together-settings",
        [typeof(Repair)] = "repair",
        [typeof(RepairPart)] = "repair-part",
        [typeof(FloodingBreak)] = "flooding-break",
    });

    public static string Of(Type type) => Known.GetOrAdd(type, t => t.Name.ToLowerInvariant());

    /// <summary>How the security log names a kind to a person.</summary>
    public static string Label(string? kind) => kind switch
    {
        "checkin" or "checkins" => "check-in",
        "recording" or "recordings" => "heart recording",
        "word" => "word of your own",
        "checkin-settings" => "check-in settings",
        "push-device" => "device for reminders",
        "practice-session" => "practice session",
        "practice-settings" => "practice settings",
        "own-practice" => "practice of your own",
        "measure" => "questionnaire answer",
        "reflection" => "reflection",
        "ritual-moment" => "ritual moment",
        "together-settings" => "Together settings",
        "repair" => "repair",
        "repair-part" => "part of a repair",
        "flooding-break" => "break",
        "therapy-note" => "note about a client",
        "grant" => "grant",
        "token" => "access token",
        null => "thing",
        _ => kind,
    };
}
