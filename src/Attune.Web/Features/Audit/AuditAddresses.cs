using System.Security.Cryptography;
using System.Text;
using Attune.Web.Infrastructure;
using Microsoft.Extensions.Options;

namespace Attune.Web.Features.Audit;

/// <summary>
/// Client addresses in the audit log as a keyed hash (HMAC-SHA-256, first 16 bytes): the same address gives the same
/// value, so an owner or administrator can tell "the same place as before" from "somewhere new", but the address
/// itself cannot be read back, not even by trying all four billion IPv4 addresses, without the key. The key is
/// <c>audit-address.key</c> in the data folder (made on first use, mode 0600; share it between nodes). Deleting it
/// makes every stored value meaningless, which is how addresses are forgotten without touching the chain.
/// </summary>
public sealed class AuditAddresses(IOptions<AttuneOptions> options)
{
    public const string FileName = "audit-address.key";

    private readonly Lock _gate = new();
    private byte[]? _key;

    public string? Hash(string? address)
    {
        if (string.IsNullOrEmpty(address))
        {
            return null;
        }
        byte[] key;
        lock (_gate)
        {
            key = _key ??= LoadOrCreate();
        }
        return Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(address)).AsSpan(0, 16));
    }

    private byte[] LoadOrCreate()
    {
        var path = Path.Combine(options.Value.ResolveDataDirectory(), FileName);
        if (File.Exists(path) && File.ReadAllBytes(path) is { Length: 32 } stored)
        {
            return stored;
        }
        var key = RandomNumberGenerator.GetBytes(32);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var fileOptions = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            fileOptions.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }
        var temporary = path + ".tmp";
        using (var file = new FileStream(temporary, fileOptions))
        {
            file.Write(key);
            file.Flush(flushToDisk: true);
        }
        File.Move(temporary, path, overwrite: true);
        return key;
    }
}
