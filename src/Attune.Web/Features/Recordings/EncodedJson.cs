using System.Buffers.Text;
using System.Diagnostics;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace Attune.Web.Features.Recordings;

/// <summary>
/// A JSON document as it is sent: serialized once, compressed once with gzip and once with Brotli when it is made,
/// and a strong ETag for each of the three representations. Serving it only picks bytes
/// (docs/decisions/0008-precompressed-analysis-and-breach.md).
/// </summary>
public sealed class EncodedJson
{
    /// <summary>Brotli quality 5 with a 4 MiB window: within a few percent of the best ratio on analysis JSON at a fraction of the time of 11.</summary>
    private const int BrotliQuality = 5;
    private const int BrotliWindow = 22;

    private EncodedJson(byte[] identity, byte[] gzip, byte[] brotli, string tag)
    {
        Identity = identity;
        Gzip = gzip;
        Brotli = brotli;
        Tag = tag;
    }

    /// <summary>Milliseconds spent serializing, and compressing with each coding, when it was made (for the log and docs/performance.md).</summary>
    public double SerializeMs { get; private init; }

    public double GzipMs { get; private init; }

    public double BrotliMs { get; private init; }

    public byte[] Identity { get; }

    public byte[] Gzip { get; }

    public byte[] Brotli { get; }

    /// <summary>The first 96 bits of the SHA-256 of <see cref="Identity"/>, base64url: the same bytes, the same tag.</summary>
    public string Tag { get; }

    public static EncodedJson Create<T>(T value, JsonSerializerOptions options)
    {
        var start = Stopwatch.GetTimestamp();
        var identity = JsonSerializer.SerializeToUtf8Bytes(value, options);
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(identity, hash);
        var serialized = Stopwatch.GetTimestamp();
        var gzip = GzipOf(identity);
        var gzipped = Stopwatch.GetTimestamp();
        var brotli = BrotliOf(identity);
        return new EncodedJson(identity, gzip, brotli, Base64Url.EncodeToString(hash[..12]))
        {
            SerializeMs = Stopwatch.GetElapsedTime(start, serialized).TotalMilliseconds,
            GzipMs = Stopwatch.GetElapsedTime(serialized, gzipped).TotalMilliseconds,
            BrotliMs = Stopwatch.GetElapsedTime(gzipped).TotalMilliseconds,
        };
    }

    /// <summary>
    /// The document as another node stored it (<see cref="StoredAnalysis"/>): the identity bytes come back from the gzip
    /// form, so only the two compressed forms are kept.
    /// </summary>
    public static EncodedJson FromStored(byte[] gzip, byte[] brotli, string tag)
    {
        using var input = new GZipStream(new MemoryStream(gzip), CompressionMode.Decompress);
        using var identity = new MemoryStream(gzip.Length * 4);
        input.CopyTo(identity);
        return new EncodedJson(identity.ToArray(), gzip, brotli, tag);
    }

    /// <summary>The entity tag of one representation: each content coding is a different representation with its own tag (RFC 9110 8.8.3).</summary>
    public string ETag(string? encoding) => encoding switch
    {
        "br" => $"\"{Tag}-br\"",
        "gzip" => $"\"{Tag}-gz\"",
        _ => $"\"{Tag}\"",
    };

    public ReadOnlyMemory<byte> Body(string? encoding) => encoding switch
    {
        "br" => Brotli,
        "gzip" => Gzip,
        _ => Identity,
    };

    /// <summary>
    /// Whether <c>If-None-Match</c> names this content (weak comparison, RFC 9110 13.1.2), in any of its encodings: a client
    /// that received the gzip form and now asks with another Accept-Encoding still has the same data.
    /// </summary>
    public bool IsNoneMatchSatisfied(StringValues ifNoneMatch)
    {
        if (StringValues.IsNullOrEmpty(ifNoneMatch) || !EntityTagHeaderValue.TryParseList(ifNoneMatch, out var tags))
        {
            return false;
        }
        foreach (var tag in tags)
        {
            if (tag.Equals(EntityTagHeaderValue.Any))
            {
                return true;
            }
            var opaque = tag.Tag.AsSpan().Trim('"');
            if (opaque.StartsWith(Tag, StringComparison.Ordinal) && opaque[Tag.Length..] is "" or "-br" or "-gz")
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>
    /// The coding to send for <c>Accept-Encoding</c>: the client's most preferred of br and gzip (br on a tie), or null for
    /// identity when it accepts neither. A coding with q=0 is refused, and <c>*</c> stands for any not named.
    /// </summary>
    public static string? ChooseEncoding(StringValues acceptEncoding)
    {
        if (StringValues.IsNullOrEmpty(acceptEncoding) || !StringWithQualityHeaderValue.TryParseList(acceptEncoding, out var codings))
        {
            return null;
        }
        double? br = null, gzip = null, any = null;
        foreach (var c in codings)
        {
            var q = c.Quality ?? 1;
            if (c.Value.Equals("br", StringComparison.OrdinalIgnoreCase))
            {
                br = q;
            }
            else if (c.Value.Equals("gzip", StringComparison.OrdinalIgnoreCase))
            {
                gzip = q;
            }
            else if (c.Value.Equals("*", StringComparison.Ordinal))
            {
                any = q;
            }
        }
        var brQ = br ?? any ?? 0;
        var gzipQ = gzip ?? any ?? 0;
        if (brQ <= 0 && gzipQ <= 0)
        {
            return null;
        }
        return brQ >= gzipQ ? "br" : "gzip";
    }

    private static byte[] GzipOf(byte[] data)
    {
        using var output = new MemoryStream(data.Length / 3);
        using (var gzip = new GZipStream(output, CompressionLevel.Optimal, leaveOpen: true))
        {
            gzip.Write(data);
        }
        return output.ToArray();
    }

    private static byte[] BrotliOf(byte[] data)
    {
        var buffer = new byte[BrotliEncoder.GetMaxCompressedLength(data.Length)];
        if (!BrotliEncoder.TryCompress(data, buffer, out var written, BrotliQuality, BrotliWindow))
        {
            throw new InvalidOperationException("Brotli could not compress the analysis.");
        }
        return buffer.AsSpan(0, written).ToArray();
    }
}
