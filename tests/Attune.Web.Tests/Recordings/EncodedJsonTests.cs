using System.IO.Compression;
using System.Text.Json;
using Attune.Web.Features.Recordings;
using Microsoft.Extensions.Primitives;

namespace Attune.Web.Tests.Recordings;

public sealed class EncodedJsonTests
{
    private sealed record Sample(string Name, double[] Values);

    private static readonly Sample Value = new("tachogram", Enumerable.Range(0, 5000).Select(i => Math.Round(800 + 40 * Math.Sin(i / 9.0), 1)).ToArray());

    private static EncodedJson Encoded() => EncodedJson.Create(Value, new JsonSerializerOptions(JsonSerializerDefaults.Web));

    [Fact]
    public void Create_EachCoding_DecompressesToTheSameJson()
    {
        var json = Encoded();

        using var gzip = new GZipStream(new MemoryStream(json.Gzip), CompressionMode.Decompress);
        using var brotli = new BrotliStream(new MemoryStream(json.Brotli), CompressionMode.Decompress);
        Assert.Equal(json.Identity, Read(gzip));
        Assert.Equal(json.Identity, Read(brotli));
        Assert.Equal(JsonSerializer.Serialize(Value, new JsonSerializerOptions(JsonSerializerDefaults.Web)), System.Text.Encoding.UTF8.GetString(json.Identity));
        Assert.True(json.Brotli.Length < json.Identity.Length / 3, $"Brotli {json.Brotli.Length} of {json.Identity.Length} bytes");
        Assert.True(json.Gzip.Length < json.Identity.Length / 2, $"gzip {json.Gzip.Length} of {json.Identity.Length} bytes");
    }

    [Fact]
    public void Create_SameValue_SameTag_DifferentValue_DifferentTag()
    {
        var other = EncodedJson.Create(Value with { Name = "heart rate" }, new JsonSerializerOptions(JsonSerializerDefaults.Web));

        Assert.Equal(Encoded().Tag, Encoded().Tag);
        Assert.NotEqual(Encoded().Tag, other.Tag);
        Assert.Equal(16, Encoded().Tag.Length);
    }

    [Fact]
    public void ETag_EachCoding_IsItsOwnStrongTag()
    {
        var json = Encoded();
        string[] tags = [json.ETag(null), json.ETag("gzip"), json.ETag("br")];

        Assert.Equal(3, tags.Distinct().Count());
        Assert.All(tags, t => Assert.True(t.StartsWith('"') && t.EndsWith('"') && !t.StartsWith("W/", StringComparison.Ordinal), t));
    }

    [Theory]
    [InlineData("gzip, deflate, br, zstd", "br")]
    [InlineData("gzip, deflate", "gzip")]
    [InlineData("br;q=0.5, gzip", "gzip")]
    [InlineData("br, gzip;q=1", "br")]
    [InlineData("identity", null)]
    [InlineData("br;q=0, gzip;q=0", null)]
    [InlineData("*", "br")]
    [InlineData("*;q=0.1, gzip", "gzip")]
    [InlineData("br;q=0, *", "gzip")]
    [InlineData("", null)]
    [InlineData("deflate", null)]
    public void ChooseEncoding_AcceptEncoding_PicksTheClientsPreference(string acceptEncoding, string? expected) =>
        Assert.Equal(expected, EncodedJson.ChooseEncoding(new StringValues(acceptEncoding)));

    [Fact]
    public void IsNoneMatchSatisfied_AnyCodingsTagOrAStar_Matches_OtherTagsDoNot()
    {
        var json = Encoded();

        Assert.True(json.IsNoneMatchSatisfied(json.ETag(null)));
        Assert.True(json.IsNoneMatchSatisfied(json.ETag("br")));
        Assert.True(json.IsNoneMatchSatisfied("W/" + json.ETag("gzip")));
        Assert.True(json.IsNoneMatchSatisfied($"\"other\", {json.ETag("gzip")}"));
        Assert.True(json.IsNoneMatchSatisfied("*"));
        Assert.False(json.IsNoneMatchSatisfied("\"other\""));
        Assert.False(json.IsNoneMatchSatisfied($"\"{json.Tag}-xx\""));
        Assert.False(json.IsNoneMatchSatisfied($"\"{json.Tag[..^1]}\""));
        Assert.False(json.IsNoneMatchSatisfied("not a tag"));
        Assert.False(json.IsNoneMatchSatisfied(StringValues.Empty));
    }

    private static byte[] Read(Stream stream)
    {
        using var output = new MemoryStream();
        stream.CopyTo(output);
        return output.ToArray();
    }
}
