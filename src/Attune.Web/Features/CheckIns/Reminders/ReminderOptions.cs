namespace Attune.Web.Features.CheckIns.Reminders;

/// <summary>Check-in reminders by Web Push (section <c>Reminders</c>). Zero configuration works.</summary>
public sealed class ReminderOptions
{
    public const string Section = "Reminders";

    /// <summary>
    /// How push services can reach whoever runs this Attune, sent with every push (VAPID "sub"): a <c>mailto:</c> or
    /// <c>https:</c> address. When empty: <c>Attune:PublicBaseUrl</c> if it is https, else mailto: the email sender.
    /// </summary>
    public string? VapidSubject { get; set; }

    /// <summary>Send due reminders every minute from this node. Tests that trigger the sender by hand turn it off.</summary>
    public bool SendInBackground { get; set; } = true;

    /// <summary>
    /// Accept http://127.0.0.1 push endpoints, for tests that run their own push service. Never in production:
    /// the server posts to whatever endpoint a browser registered.
    /// </summary>
    public bool AllowLoopbackPushEndpoints { get; set; }
}
