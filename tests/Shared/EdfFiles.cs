using System.Globalization;
using System.Text;

namespace Attune.TestSupport;

/// <summary>One signal of a generated EDF file: its header fields and its digital samples.</summary>
internal sealed record EdfTestSignal(string Label, int SamplesPerRecord, double PhysicalMinimum, double PhysicalMaximum, int DigitalMinimum, int DigitalMaximum, Func<long, short> Digital, string Dimension = "mV");

/// <summary>
/// Writes EDF and EDF+ files byte by byte from the published layout (Kemp et al. 1992; EDF+ 2003), so the
/// parser is tested against the specification rather than against itself. Linked into the test projects.
/// </summary>
internal static class EdfFiles
{
    /// <summary>The bytes of a file; <paramref name="onsets"/> (EDF+D) gives each record's start time, written into an "EDF Annotations" signal.</summary>
    public static byte[] Build(IReadOnlyList<EdfTestSignal> signals, int records, double recordDurationS, string reserved = "", double[]? onsets = null, string startDate = "04.12.26", string startTime = "22.30.00", string? recordCountText = null)
    {
        var all = new List<EdfTestSignal>(signals);
        if (onsets is not null || reserved.StartsWith("EDF+", StringComparison.Ordinal))
        {
            all.Add(new EdfTestSignal("EDF Annotations", 30, -1, 1, -32768, 32767, _ => 0, ""));
        }
        var ns = all.Count;
        var header = new StringBuilder();
        void Field(string text, int width) => header.Append(text.PadRight(width)[..width]);
        Field("0", 8);
        Field("X X X X", 80);
        Field("Startdate 04-DEC-2026 X X X", 80);
        Field(startDate, 8);
        Field(startTime, 8);
        Field((256 * (ns + 1)).ToString(CultureInfo.InvariantCulture), 8);
        Field(reserved, 44);
        Field(recordCountText ?? records.ToString(CultureInfo.InvariantCulture), 8);
        Field(recordDurationS.ToString(CultureInfo.InvariantCulture), 8);
        Field(ns.ToString(CultureInfo.InvariantCulture), 4);
        foreach (var s in all) { Field(s.Label, 16); }
        foreach (var _ in all) { Field("AgAgCl electrode", 80); }
        foreach (var s in all) { Field(s.Dimension, 8); }
        foreach (var s in all) { Field(s.PhysicalMinimum.ToString(CultureInfo.InvariantCulture), 8); }
        foreach (var s in all) { Field(s.PhysicalMaximum.ToString(CultureInfo.InvariantCulture), 8); }
        foreach (var s in all) { Field(s.DigitalMinimum.ToString(CultureInfo.InvariantCulture), 8); }
        foreach (var s in all) { Field(s.DigitalMaximum.ToString(CultureInfo.InvariantCulture), 8); }
        foreach (var _ in all) { Field("HP:0.1Hz LP:75Hz", 80); }
        foreach (var s in all) { Field(s.SamplesPerRecord.ToString(CultureInfo.InvariantCulture), 8); }
        foreach (var _ in all) { Field("", 32); }
        var bytes = new List<byte>(Encoding.ASCII.GetBytes(header.ToString()));
        var written = new long[ns];
        for (var r = 0; r < records; r++)
        {
            for (var i = 0; i < ns; i++)
            {
                var s = all[i];
                if (s.Label == "EDF Annotations")
                {
                    var onset = onsets?[r] ?? r * recordDurationS;
                    var tal = Encoding.ASCII.GetBytes("+" + onset.ToString(CultureInfo.InvariantCulture) + "\u0014\u0014\0");
                    var block = new byte[2 * s.SamplesPerRecord];
                    tal.CopyTo(block, 0);
                    bytes.AddRange(block);
                    continue;
                }
                for (var k = 0; k < s.SamplesPerRecord; k++)
                {
                    var d = s.Digital(written[i]++);
                    bytes.Add((byte)(d & 0xFF));
                    bytes.Add((byte)((d >> 8) & 0xFF));
                }
            }
        }
        return [.. bytes];
    }

    /// <summary>Overwrites <paramref name="width"/> bytes at <paramref name="offset"/> with <paramref name="text"/>, space-padded.</summary>
    public static byte[] Patch(byte[] file, int offset, int width, string text)
    {
        var copy = (byte[])file.Clone();
        Encoding.ASCII.GetBytes(text.PadRight(width)[..width]).CopyTo(copy, offset);
        return copy;
    }
}
