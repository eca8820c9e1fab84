using System.Buffers;
using System.Buffers.Text;
using System.Net;
using System.Security.Cryptography;
using Attune.Web.Data;
using Attune.Web.Features.Accounts;
using Attune.Web.Features.Sharing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Attune.Web.Features.CheckIns.Reminders;

/// <summary>
/// The browsers that receive a person's reminders by Web Push: added when the person turns reminders on in that
/// browser, removed when they turn them off (there or on the settings page) or when the push service says the
/// browser has gone.
/// </summary>
/// <remarks>
/// The server posts to whatever address a browser registered, so the address is checked: https on the standard
/// port at one of the push services browsers use (Google's for Chrome, Edge on Android and most others, Mozilla's,
/// Apple's, Microsoft's). An address belongs to one browser profile, so it belongs to one account: registering it
/// takes it from whoever registered it before on that browser.
/// </remarks>
public sealed class PushDevices(AttuneDb db, Access access, ReminderSettings settings, TimeProvider clock, IOptions<ReminderOptions> options)
{
    public const int KeyMaxLength = 200;

    /// <summary>Push services by host (the host itself or any subdomain).</summary>
    public static readonly IReadOnlyList<string> PushServiceHosts =
        ["fcm.googleapis.com", "android.googleapis.com", "push.services.mozilla.com", "push.apple.com", "notify.windows.com"];

    public async Task<(PushDeviceDto? Device, Dictionary<string, string[]>? Errors)> AddAsync(
        Guid me, PushSubscriptionRequest request, string userAgent, CancellationToken cancel)
    {
        var errors = Validate(request);
        if (errors.Count > 0)
        {
            return (null, errors);
        }
        var endpoint = request.Endpoint!;
        // The browser profile now belongs to this account: earlier accounts on it stop getting reminders there.
        var others = await Access.Unchecked<PushSubscription>(db).Where(s => s.Endpoint == endpoint && s.OwnerId != me)
            .Select(s => s.OwnerId).ToListAsync(cancel);
        foreach (var other in others)
        {
            await access.DeleteOwnAsync<PushSubscription>(other, s => s.Endpoint == endpoint, cancel);
            await settings.RescheduleAsync(other, cancel);
        }
        var row = await access.Own<PushSubscription>(me).FirstOrDefaultAsync(s => s.Endpoint == endpoint, cancel);
        if (row is null)
        {
            row = new PushSubscription { Id = Guid.CreateVersion7(), OwnerId = me, Endpoint = endpoint, CreatedAt = clock.GetUtcNow().UtcDateTime };
            db.Add(row);
        }
        row.P256dh = request.Keys!.P256dh!;
        row.Auth = request.Keys.Auth!;
        row.Device = DeviceDescription.From(userAgent);
        try
        {
            await db.SaveChangesAsync(cancel);
        }
        catch (DbUpdateException)
        {
            // The same browser registered twice at once (two tabs): the other request stored it.
            db.ChangeTracker.Clear();
            row = await access.Own<PushSubscription>(me).AsNoTracking().FirstAsync(s => s.Endpoint == endpoint, cancel);
        }
        await settings.RescheduleAsync(me, cancel);
        return (new PushDeviceDto(row.Id, row.Device, row.CreatedAt), null);
    }

    /// <summary>Stops reminders to the browser with this push address. False when the caller has no such browser.</summary>
    public async Task<bool> RemoveByEndpointAsync(Guid me, string endpoint, CancellationToken cancel)
    {
        var removed = await access.DeleteOwnAsync<PushSubscription>(me, s => s.Endpoint == endpoint, cancel) > 0;
        if (removed)
        {
            await settings.RescheduleAsync(me, cancel);
        }
        return removed;
    }

    public async Task<bool> RemoveAsync(Guid me, Guid id, CancellationToken cancel)
    {
        var removed = await access.DeleteOwnAsync<PushSubscription>(me, s => s.Id == id, cancel) > 0;
        if (removed)
        {
            await settings.RescheduleAsync(me, cancel);
        }
        return removed;
    }

    public async Task<List<PushDeviceDto>> ListAsync(Guid me, CancellationToken cancel) =>
        await access.Own<PushSubscription>(me).AsNoTracking().OrderBy(s => s.CreatedAt)
            .Select(s => new PushDeviceDto(s.Id, s.Device, s.CreatedAt)).ToListAsync(cancel);

    /// <summary>The push addresses of the person's browsers, for their own settings page only.</summary>
    public async Task<List<string>> EndpointsAsync(Guid me, CancellationToken cancel) =>
        await access.Own<PushSubscription>(me).Select(s => s.Endpoint).ToListAsync(cancel);

    private Dictionary<string, string[]> Validate(PushSubscriptionRequest request)
    {
        var errors = new Dictionary<string, string[]>();
        if (EndpointProblem(request.Endpoint) is { } problem)
        {
            errors["endpoint"] = [problem];
        }
        if (!IsPublicKey(request.Keys?.P256dh))
        {
            errors["keys.p256dh"] = ["This needs the browser's P-256 public key: 65 bytes, base64url."];
        }
        if (DecodedLength(request.Keys?.Auth) != 16)
        {
            errors["keys.auth"] = ["This needs the browser's 16-byte authentication secret, base64url."];
        }
        return errors;
    }

    private string? EndpointProblem(string? endpoint)
    {
        const string NotPush = "This is not the address of a browser push service.";
        if (string.IsNullOrEmpty(endpoint))
        {
            return "The subscription needs its endpoint.";
        }
        if (endpoint.Length > PushSubscription.EndpointMaxLength)
        {
            return $"The endpoint can be at most {PushSubscription.EndpointMaxLength} characters.";
        }
        if (!Uri.TryCreate(endpoint, UriKind.Absolute, out var uri) || uri.UserInfo.Length > 0 || uri.Fragment.Length > 0)
        {
            return NotPush;
        }
        if (options.Value.AllowLoopbackPushEndpoints && uri.Scheme == Uri.UriSchemeHttp
            && IPAddress.TryParse(uri.Host, out var ip) && IPAddress.IsLoopback(ip))
        {
            return null;
        }
        var host = uri.IdnHost.TrimEnd('.');
        var known = PushServiceHosts.Any(h => host.Equals(h, StringComparison.OrdinalIgnoreCase) || host.EndsWith("." + h, StringComparison.OrdinalIgnoreCase));
        return uri.Scheme == Uri.UriSchemeHttps && uri.IsDefaultPort && known ? null : NotPush;
    }

    private static bool IsPublicKey(string? text)
    {
        if (DecodedLength(text) != 65)
        {
            return false;
        }
        var point = Base64Url.DecodeFromChars(text);
        if (point[0] != 0x04)
        {
            return false;
        }
        try
        {
            using var key = ECDiffieHellman.Create(new ECParameters
            {
                Curve = ECCurve.NamedCurves.nistP256,
                Q = new ECPoint { X = point[1..33], Y = point[33..] },
            });
            return true;
        }
        catch (CryptographicException)
        {
            // Not a point on the curve: no message could ever be encrypted to it.
            return false;
        }
    }

    /// <summary>Unpadded base64url, as browsers give it: letters, digits, '-' and '_' only.</summary>
    private static readonly SearchValues<char> Base64UrlChars = SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_");

    private static int DecodedLength(string? text) =>
        text is { Length: > 0 and <= KeyMaxLength } && !text.AsSpan().ContainsAnyExcept(Base64UrlChars) && Base64Url.IsValid(text, out var length)
            ? length
            : -1;
}
