using Attune.Analysis.Parsing;

namespace Attune.Analysis.Tests.Parsing;

public class HeartRateMeasurementDecoderTests
{
    private static HeartRateMeasurement Ok(params byte[] packet)
    {
        var r = HeartRateMeasurementDecoder.Decode(packet);
        Assert.True(r.IsSuccess, r.Error?.ToString());
        return r.Value;
    }

    [Fact]
    public void Decode_Uint8HeartRateOnly_ReadsRate()
    {
        var m = Ok(0x00, 72);
        Assert.Equal(72, m.HeartRateBpm);
        Assert.Equal(SensorContact.NotSupported, m.Contact);
        Assert.Null(m.EnergyExpendedKj);
        Assert.Empty(m.RrIntervalsMs);
    }

    [Fact]
    public void Decode_Uint16HeartRate_ReadsLittleEndian()
    {
        Assert.Equal(300, Ok(0x01, 0x2C, 0x01).HeartRateBpm);
    }

    [Theory]
    [InlineData(0x00, SensorContact.NotSupported)]
    [InlineData(0x02, SensorContact.NotSupported)]
    [InlineData(0x04, SensorContact.NotDetected)]
    [InlineData(0x06, SensorContact.Detected)]
    public void Decode_ContactBits_MapToStatus(byte flags, SensorContact expected)
    {
        Assert.Equal(expected, Ok(flags, 60).Contact);
    }

    [Fact]
    public void Decode_RrPresent_ConvertsFrom1024ths()
    {
        var m = Ok(0x16, 60, 0x00, 0x04);
        Assert.Equal(SensorContact.Detected, m.Contact);
        Assert.Equal([1000.0], m.RrIntervalsMs);
    }

    [Fact]
    public void Decode_EnergyAndTwoRr_ReadsAll()
    {
        var m = Ok(0x1E, 80, 0x10, 0x27, 0x00, 0x03, 0x00, 0x02);
        Assert.Equal(80, m.HeartRateBpm);
        Assert.Equal(10000, m.EnergyExpendedKj);
        Assert.Equal([750.0, 500.0], m.RrIntervalsMs);
    }

    [Fact]
    public void Decode_Uint16RateWithRr_OffsetsRrCorrectly()
    {
        var m = Ok(0x11, 0x48, 0x00, 0x33, 0x03);
        Assert.Equal(72, m.HeartRateBpm);
        Assert.Equal(819 * 1000.0 / 1024, m.RrIntervalsMs[0], 12);
    }

    [Theory]
    [InlineData(new byte[0])]
    [InlineData(new byte[] { 0x00 })]
    [InlineData(new byte[] { 0x01, 0x50 })]
    [InlineData(new byte[] { 0x08, 70, 0x01 })]
    [InlineData(new byte[] { 0x10, 70 })]
    [InlineData(new byte[] { 0x10, 70, 0x00 })]
    [InlineData(new byte[] { 0x10, 70, 0x00, 0x00 })]
    [InlineData(new byte[] { 0x00, 70, 0x01 })]
    public void Decode_MalformedPacket_ErrorNotException(byte[] packet)
    {
        var r = HeartRateMeasurementDecoder.Decode(packet);
        Assert.False(r.IsSuccess);
        Assert.Null(r.Error.Line);
        Assert.False(string.IsNullOrWhiteSpace(r.Error.Message));
    }
}
