using System.Globalization;
using System.Net;

namespace Attune.Load;

internal enum Mode
{
    Closed,
    Open,
}

/// <summary>Command line of the load generator. Every count is bounded so a typo cannot flood the machine.</summary>
internal sealed record Options(Mode Mode, Uri Url, int Connections, int Rate, TimeSpan Duration, TimeSpan Warmup, string? Cookie)
{
    /// <summary>A JSON body to POST instead of a GET (read from --body FILE, at most 64 KB).</summary>
    public string? Body { get; init; }

    /// <summary>The media type of <see cref="Body"/> (application/json unless given).</summary>
    public string ContentType { get; init; } = "application/json";

    /// <summary>An access token sent as Authorization: Bearer.</summary>
    public string? Bearer { get; init; }

    /// <summary>Sent as Accept-Encoding (the response body is counted as it arrives, not decompressed).</summary>
    public string? AcceptEncoding { get; init; }

    /// <summary>Sent as If-None-Match; a 304 then counts as a success.</summary>
    public string? IfNoneMatch { get; init; }

    public const string Usage = """
        Usage:
          Attune.Load closed --url URL [--connections 50] [--duration 10] [--warmup 1] [--cookie "name=value"] [--bearer TOKEN] [--body FILE] [--content-type text/csv] [--accept-encoding br] [--if-none-match ETAG]
          Attune.Load open   --url URL --rate 500 [--duration 10] [--warmup 1] [--connections 256] [--cookie "name=value"] [--bearer TOKEN] [--body FILE] [--content-type text/csv]
        closed: N connections each send the next request as soon as the previous answer arrives.
        --body FILE: POST the file's JSON (each request the same body) instead of GET; --content-type: another media type for it.
        --accept-encoding: sent as is; --if-none-match: sent as is, and a 304 counts as a success.
        open:   requests leave at fixed intended times; latency counts from the intended time.
        Only loopback hosts (127.0.0.0/8, ::1, localhost) are accepted. Durations are seconds.
        """;

    public static Options Parse(string[] args)
    {
        if (args.Length == 0 || !Enum.TryParse<Mode>(args[0], ignoreCase: true, out var mode))
        {
            throw new ArgumentException("First argument must be 'closed' or 'open'.");
        }

        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 1; i < args.Length; i += 2)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Length)
            {
                throw new ArgumentException($"Expected '--name value' at '{args[i]}'.");
            }

            values[args[i][2..]] = args[i + 1];
        }

        var url = values.TryGetValue("url", out var u) ? new Uri(u, UriKind.Absolute) : throw new ArgumentException("--url is required.");
        EnsureLoopback(url);
        var options = new Options(
            mode,
            url,
            Connections: Int(values, "connections", mode == Mode.Closed ? 50 : 256, 1, 1000),
            Rate: Int(values, "rate", mode == Mode.Open ? -1 : 0, 0, 50_000),
            Duration: TimeSpan.FromSeconds(Int(values, "duration", 10, 1, 300)),
            Warmup: TimeSpan.FromSeconds(Int(values, "warmup", 1, 0, 60)),
            Cookie: values.GetValueOrDefault("cookie") is { Length: > 0 } cookie ? cookie : null)
        {
            Bearer = values.GetValueOrDefault("bearer") is { Length: > 0 } bearer ? bearer : null,
            Body = values.GetValueOrDefault("body") is { Length: > 0 } file ? ReadBody(file) : null,
            AcceptEncoding = values.GetValueOrDefault("accept-encoding") is { Length: > 0 } coding ? coding : null,
            IfNoneMatch = values.GetValueOrDefault("if-none-match") is { Length: > 0 } tag ? tag : null,
            ContentType = values.GetValueOrDefault("content-type") is { Length: > 0 } type ? type : "application/json",
        };
        var unknown = values.Keys.Except(["url", "connections", "rate", "duration", "warmup", "cookie", "bearer", "body", "accept-encoding", "if-none-match", "content-type"]).ToList();
        if (unknown.Count > 0)
        {
            throw new ArgumentException($"Unknown option(s): {string.Join(", ", unknown)}.");
        }

        if (mode == Mode.Open && options.Rate < 1)
        {
            throw new ArgumentException("--rate (requests per second, 1 to 50000) is required in open mode.");
        }

        return options;
    }

    private static string ReadBody(string file) =>
        new FileInfo(file).Length <= 64 * 1024 ? File.ReadAllText(file) : throw new ArgumentException("--body file must be at most 64 KB.");

    private static void EnsureLoopback(Uri url)
    {
        var isLoopback = url.IsLoopback
            || (IPAddress.TryParse(url.Host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));
        if (url.Scheme is not ("http" or "https") || !isLoopback)
        {
            throw new ArgumentException($"Refusing {url}: only http(s) to a loopback host is allowed.");
        }
    }

    private static int Int(Dictionary<string, string> values, string name, int fallback, int min, int max)
    {
        if (!values.TryGetValue(name, out var text))
        {
            return fallback;
        }

        var value = int.Parse(text, NumberStyles.Integer, CultureInfo.InvariantCulture);
        return value >= min && value <= max ? value : throw new ArgumentException($"--{name} must be between {min} and {max}.");
    }
}
