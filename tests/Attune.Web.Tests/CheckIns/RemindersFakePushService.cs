using System.Buffers.Binary;
using System.Buffers.Text;
using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Attune.Web.Tests.CheckIns;

/// <summary>A push message as the fake push service received it.</summary>
public sealed record ReceivedPush(string Path, IReadOnlyDictionary<string, string> Headers, byte[] Body);

/// <summary>
/// A browser's side of Web Push, made in the test: a P-256 key pair and a 16-byte authentication secret, as
/// <c>pushManager.subscribe</c> would make them, and the RFC 8291 decryption a browser does on arrival.
/// </summary>
public sealed class TestPushBrowser : IDisposable
{
    private readonly ECDiffieHellman _key = ECDiffieHellman.Create(ECCurve.NamedCurves.nistP256);

    public TestPushBrowser()
    {
        var q = _key.ExportParameters(false).Q;
        PublicKey = [0x04, .. q.X!, .. q.Y!];
    }

    public byte[] PublicKey { get; }

    public byte[] AuthSecret { get; } = RandomNumberGenerator.GetBytes(16);

    /// <summary>What <c>PushSubscription.toJSON()</c> gives for this browser at <paramref name="endpoint"/>.</summary>
    public object Subscription(string endpoint) => new
    {
        endpoint,
        expirationTime = (double?)null,
        keys = new { p256dh = Base64Url.EncodeToString(PublicKey), auth = Base64Url.EncodeToString(AuthSecret) },
    };

    /// <summary>
    /// Decrypts an <c>aes128gcm</c> push body (RFC 8188 framing, RFC 8291 keys): header salt(16) ‖ rs(4) ‖ idlen(1) ‖
    /// keyid (the server's ephemeral public key), then one record. IKM = HKDF(salt = auth secret, ECDH secret,
    /// "WebPush: info" ‖ 0 ‖ ua_public ‖ as_public, 32); CEK and nonce from HKDF(salt, IKM, "Content-Encoding: …" ‖ 0).
    /// </summary>
    public string Decrypt(byte[] body)
    {
        var salt = body[..16];
        var recordSize = BinaryPrimitives.ReadUInt32BigEndian(body.AsSpan(16, 4));
        var idLength = body[20];
        var serverPublic = body[21..(21 + idLength)];
        var record = body[(21 + idLength)..];
        Assert.Equal(65, idLength);
        Assert.True(record.Length <= recordSize, "One record is expected for a short reminder.");

        using var server = ECDiffieHellman.Create(new ECParameters
        {
            Curve = ECCurve.NamedCurves.nistP256,
            Q = new ECPoint { X = serverPublic[1..33], Y = serverPublic[33..] },
        });
        var shared = _key.DeriveRawSecretAgreement(server.PublicKey);
        byte[] keyInfo = [.. "WebPush: info"u8, 0, .. PublicKey, .. serverPublic];
        var ikm = HKDF.DeriveKey(HashAlgorithmName.SHA256, shared, 32, AuthSecret, keyInfo);
        var cek = HKDF.DeriveKey(HashAlgorithmName.SHA256, ikm, 16, salt, [.. "Content-Encoding: aes128gcm"u8, 0]);
        var nonce = HKDF.DeriveKey(HashAlgorithmName.SHA256, ikm, 12, salt, [.. "Content-Encoding: nonce"u8, 0]);

        var plain = new byte[record.Length - 16];
        using (var aes = new AesGcm(cek, 16))
        {
            aes.Decrypt(nonce, record[..^16], record[^16..], plain);
        }
        // Content, then the delimiter 0x02 (last record), then zero padding.
        var end = Array.FindLastIndex(plain, b => b != 0);
        Assert.Equal(2, plain[end]);
        return Encoding.UTF8.GetString(plain, 0, end);
    }

    public void Dispose() => _key.Dispose();
}

/// <summary>
/// A push service on 127.0.0.1 (Kestrel on a free port) that keeps every message it is sent and answers 201, or
/// the status a test sets for a path (410 for a browser that is gone).
/// </summary>
public sealed class FakePushService : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<ReceivedPush> _received = new();

    private FakePushService(WebApplication app) => _app = app;

    public ConcurrentDictionary<string, HttpStatusCode> Answers { get; } = new();

    public IReadOnlyList<ReceivedPush> Received => [.. _received];

    public Uri BaseAddress { get; private set; } = new("http://127.0.0.1/");

    public string Endpoint(string name) => new Uri(BaseAddress, "push/" + name).ToString();

    public static async Task<FakePushService> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        var service = new FakePushService(app);
        app.MapPost("/push/{name}", async (HttpContext http, string name) =>
        {
            using var body = new MemoryStream();
            await http.Request.Body.CopyToAsync(body);
            var headers = http.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
            service._received.Enqueue(new ReceivedPush(http.Request.Path, headers, body.ToArray()));
            return Results.StatusCode((int)service.Answers.GetValueOrDefault(name, HttpStatusCode.Created));
        });
        await app.StartAsync();
        service.BaseAddress = new Uri(app.Urls.Single().TrimEnd('/') + "/");
        return service;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
