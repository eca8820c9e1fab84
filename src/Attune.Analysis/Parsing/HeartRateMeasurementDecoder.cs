using System.Buffers.Binary;

namespace Attune.Analysis.Parsing;

/// <summary>What a heart-rate sensor says about skin contact (flags bits 1–2).</summary>
public enum SensorContact
{
    /// <summary>The sensor does not report contact (bit 2 clear).</summary>
    NotSupported,

    /// <summary>Contact is reported and is poor or absent (bits 2 set, 1 clear).</summary>
    NotDetected,

    /// <summary>Contact is reported and good (bits 2 and 1 set).</summary>
    Detected,
}

/// <summary>One decoded Heart Rate Measurement notification.</summary>
/// <param name="HeartRateBpm">Heart rate in beats per minute, as the sensor computed it.</param>
/// <param name="Contact">Skin-contact status.</param>
/// <param name="EnergyExpendedKj">Cumulative energy expended in kilojoules, when present.</param>
/// <param name="RrIntervalsMs">RR intervals in milliseconds, oldest first (may be empty).</param>
public sealed record HeartRateMeasurement(int HeartRateBpm, SensorContact Contact, int? EnergyExpendedKj, IReadOnlyList<double> RrIntervalsMs);

/// <summary>
/// Decodes the Bluetooth GATT Heart Rate Measurement characteristic (UUID 0x2A37), per the Bluetooth
/// SIG Heart Rate Service 1.0 specification.
/// </summary>
/// <remarks>
/// Layout, little-endian: flags byte (bit 0: heart rate is uint16 rather than uint8; bits 1–2:
/// sensor contact; bit 3: energy expended present; bit 4: RR intervals present; bits 5–7 reserved
/// and ignored); heart rate (uint8 or uint16, bpm); energy expended (uint16, kJ) if flagged; then
/// zero or more RR intervals (uint16, units of 1/1024 s, converted to ms as raw · 1000 / 1024).
/// </remarks>
public static class HeartRateMeasurementDecoder
{
    /// <summary>Decodes one notification payload. Empty, truncated or inconsistent packets, and RR
    /// values of zero, give an error rather than an exception.</summary>
    public static ParseResult<HeartRateMeasurement> Decode(ReadOnlySpan<byte> packet)
    {
        if (packet.IsEmpty)
        {
            return ParseResult<HeartRateMeasurement>.Failure(null, "empty Heart Rate Measurement packet");
        }
        var flags = packet[0];
        var hr16 = (flags & 0x01) != 0;
        var contact = (flags & 0x04) == 0 ? SensorContact.NotSupported
            : (flags & 0x02) != 0 ? SensorContact.Detected : SensorContact.NotDetected;
        var hasEnergy = (flags & 0x08) != 0;
        var hasRr = (flags & 0x10) != 0;
        var at = 1;
        var hrSize = hr16 ? 2 : 1;
        if (packet.Length < at + hrSize)
        {
            return ParseResult<HeartRateMeasurement>.Failure(null, $"packet of {packet.Length} byte(s) is truncated: the flags announce a {8 * hrSize}-bit heart rate at byte 1");
        }
        int hr = hr16 ? BinaryPrimitives.ReadUInt16LittleEndian(packet[at..]) : packet[at];
        at += hrSize;
        int? energy = null;
        if (hasEnergy)
        {
            if (packet.Length < at + 2)
            {
                return ParseResult<HeartRateMeasurement>.Failure(null, $"packet of {packet.Length} bytes is truncated: the flags announce energy expended at byte {at}");
            }
            energy = BinaryPrimitives.ReadUInt16LittleEndian(packet[at..]);
            at += 2;
        }
        var rest = packet.Length - at;
        if (!hasRr)
        {
            if (rest != 0)
            {
                return ParseResult<HeartRateMeasurement>.Failure(null, $"packet has {rest} byte(s) after the announced fields");
            }
            return ParseResult<HeartRateMeasurement>.Success(new HeartRateMeasurement(hr, contact, energy, []));
        }
        if (rest == 0 || rest % 2 != 0)
        {
            return ParseResult<HeartRateMeasurement>.Failure(null, $"packet announces RR intervals but has {rest} byte(s) for them (a positive even number is needed)");
        }
        var rr = new double[rest / 2];
        for (var k = 0; k < rr.Length; k++)
        {
            var raw = BinaryPrimitives.ReadUInt16LittleEndian(packet[(at + 2 * k)..]);
            if (raw == 0)
            {
                return ParseResult<HeartRateMeasurement>.Failure(null, $"RR interval {k} at byte {at + 2 * k} is zero");
            }
            rr[k] = raw * 1000.0 / 1024.0;
        }
        return ParseResult<HeartRateMeasurement>.Success(new HeartRateMeasurement(hr, contact, energy, rr));
    }
}
