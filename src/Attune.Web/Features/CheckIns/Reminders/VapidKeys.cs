using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text.Json;
using Attune.Web.Infrastructure;
using Microsoft.Extensions.Options;

namespace Attune.Web.Features.CheckIns.Reminders;

/// <summary>
/// The app's VAPID key pair (RFC 8292): a P-256 key that identifies this server to browsers' push services. Made on
/// first need and kept in <c>vapid.json</c> in the data folder (readable by the app's user only, where the system
/// allows), so subscriptions keep working across restarts. Every node of one installation must share the file.
/// </summary>
public sealed class VapidKeys(IOptions<AttuneOptions> options, ILogger<VapidKeys> log)
{
    public const string FileName = "vapid.json";

    private readonly Lock _gate = new();
    private KeyPair? _keys;

    /// <summary>The uncompressed public point, base64url: what a page passes to <c>pushManager.subscribe</c>.</summary>
    public string PublicKey => Keys.PublicKey;

    /// <summary>The private scalar, base64url.</summary>
    public string PrivateKey => Keys.PrivateKey;

    private KeyPair Keys
    {
        get
        {
            lock (_gate)
            {
                return _keys ??= LoadOrCreate();
            }
        }
    }

    private KeyPair LoadOrCreate()
    {
        var path = Path.Combine(options.Value.ResolveDataDirectory(), FileName);
        if (File.Exists(path))
        {
            var stored = JsonSerializer.Deserialize<KeyPair>(File.ReadAllText(path))
                ?? throw new InvalidOperationException($"{path} is empty. Delete it to make new keys (browsers then subscribe again).");
            if (Base64Url.DecodeFromChars(stored.PublicKey).Length != 65 || Base64Url.DecodeFromChars(stored.PrivateKey).Length != 32)
            {
                throw new InvalidOperationException($"{path} does not hold a P-256 key pair. Delete it to make new keys (browsers then subscribe again).");
            }
            return stored;
        }
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var p = key.ExportParameters(includePrivateParameters: true);
        var created = new KeyPair(Base64Url.EncodeToString([0x04, .. p.Q.X!, .. p.Q.Y!]), Base64Url.EncodeToString(p.D!));
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temporary = path + ".tmp";
        var fileOptions = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            fileOptions.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }
        using (var stream = new FileStream(temporary, fileOptions))
        {
            JsonSerializer.Serialize(stream, created);
        }
        try
        {
            // Another node (or process) may have made its pair at the same moment: the first one stays.
            File.Move(temporary, path, overwrite: false);
        }
        catch (IOException) when (File.Exists(path))
        {
            File.Delete(temporary);
            return LoadOrCreate();
        }
        log.LogInformation("Made a new VAPID key pair for Web Push reminders in {Path}", path);
        return created;
    }

    private sealed record KeyPair(string PublicKey, string PrivateKey);
}
