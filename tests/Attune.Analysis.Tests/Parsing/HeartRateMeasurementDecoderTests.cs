using System.Text.Json;
using Attune.Analysis.Parsing;
using Attune.TestSupport;

namespace Attune.Analysis.Tests.Parsing;

/// <summary>The byte cases live in tests/Shared/gatt-cases.json, which the browser's parser is tested against too
/// (client/test/gatt.test.ts): one rule set, one list of cases.</summary>
public class HeartRateMeasurementDecoderTests
{
    private static readonly JsonElement Cases = JsonDocument.Parse(File.ReadAllText(SharedFixtures.Path("gatt-cases.json"))).RootElement;

    public static TheoryData<string> Valid() => [.. Cases.GetProperty("valid").EnumerateArray().Select(c => c.GetProperty("name").GetString()!)];

    public static TheoryData<string> Invalid() => [.. Cases.GetProperty("invalid").EnumerateArray().Select(c => c.GetProperty("name").GetString()!)];

    private static JsonElement Case(string list, string name) =>
        Cases.GetProperty(list).EnumerateArray().Single(c => c.GetProperty("name").GetString() == name);

    private static byte[] Bytes(JsonElement c) => [.. c.GetProperty("bytes").EnumerateArray().Select(b => b.GetByte())];

    [Theory]
    [MemberData(nameof(Valid))]
    public void Decode_SharedValidCase_ReadsEveryField(string name)
    {
        var c = Case("valid", name);
        var r = HeartRateMeasurementDecoder.Decode(Bytes(c));
        Assert.True(r.IsSuccess, r.Error?.ToString());
        var m = r.Value;
        Assert.Equal(c.GetProperty("heartRate").GetInt32(), m.HeartRateBpm);
        var contact = c.GetProperty("contact").GetString() switch
        {
            "detected" => SensorContact.Detected,
            "not-detected" => SensorContact.NotDetected,
            _ => SensorContact.NotSupported,
        };
        Assert.Equal(contact, m.Contact);
        var energy = c.GetProperty("energyKj");
        Assert.Equal(energy.ValueKind == JsonValueKind.Null ? null : energy.GetInt32(), m.EnergyExpendedKj);
        Assert.Equal([.. c.GetProperty("rrMs").EnumerateArray().Select(v => v.GetDouble())], m.RrIntervalsMs);
    }

    [Theory]
    [MemberData(nameof(Invalid))]
    public void Decode_SharedMalformedCase_ErrorNotException(string name)
    {
        var r = HeartRateMeasurementDecoder.Decode(Bytes(Case("invalid", name)));
        Assert.False(r.IsSuccess);
        Assert.Null(r.Error.Line);
        Assert.False(string.IsNullOrWhiteSpace(r.Error.Message));
    }

    [Fact]
    public void SharedCases_AreThere()
    {
        Assert.True(Valid().Count >= 10);
        Assert.True(Invalid().Count >= 8);
    }
}
