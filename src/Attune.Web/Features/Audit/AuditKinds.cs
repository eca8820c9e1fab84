using System.Collections.Concurrent;
using Attune.Web.Features.CheckIns;
using Attune.Web.Features.Recordings;

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
        "grant" => "grant",
        "token" => "access token",
        null => "thing",
        _ => kind,
    };
}
