using System.IO.Compression;
using Attune.Analysis.Series;
using Attune.Analysis.Synchrony;

namespace Attune.Web.Features.Recordings;

/// <summary>
/// The parts of an <see cref="AnalysedRecording"/> besides its JSON, which the interactive views and two-person synchrony
/// cut from (the corrected beats, the beats correction changed, an ECG's peaks, a heart-rate file's samples), as bytes for
/// <see cref="StoredAnalysis.Series"/>: the arrays' bytes as they are in memory (little-endian on every platform .NET runs
/// Attune on), doubles byte-shuffled, exact to the bit, Brotli at its fastest. A
/// recording with beats keeps no heart-rate samples: they are 60000 / RR at each beat, recomputed as the analysis does.
/// </summary>
public static class AnalysisSeriesCodec
{
    private const byte Version = 1;

    public static byte[] Encode(AnalysedRecording analysed)
    {
        using var output = new MemoryStream();
        using (var brotli = new BrotliStream(output, CompressionLevel.Fastest, leaveOpen: true))
        using (var w = new BinaryWriter(brotli))
        {
            w.Write(Version);
            var beats = analysed.Beats;
            w.Write(beats is not null);
            if (beats is not null)
            {
                WriteStart(w, beats.Start);
                Write(w, beats.IntervalsMs);
                Write(w, beats.BeatTimesS);
            }
            Write(w, analysed.CorrectedBeatTimesS);
            w.Write(analysed.Ecg is not null);
            if (analysed.Ecg is { } ecg)
            {
                Write(w, ecg.Detected);
                Write(w, ecg.Current);
            }
            // Only a recording without beats (a heart-rate file) keeps its own signal.
            var signal = beats is null ? analysed.HeartRate : null;
            w.Write(signal is not null);
            if (signal is not null)
            {
                WriteStart(w, signal.Start);
                Write(w, signal.TimesS);
                Write(w, signal.Values);
            }
        }
        return output.ToArray();
    }

    /// <summary>The analysis with <paramref name="analysis"/> and <paramref name="json"/> as stored, and the series decoded.</summary>
    public static AnalysedRecording Decode(byte[] bytes, RecordingAnalysisDto analysis, EncodedJson json, int contentVersion)
    {
        using var input = new BrotliStream(new MemoryStream(bytes), CompressionMode.Decompress);
        using var r = new BinaryReader(input);
        if (r.ReadByte() != Version)
        {
            throw new InvalidDataException("Stored analysis series of an unknown version.");
        }
        RrSeries? beats = null;
        if (r.ReadBoolean())
        {
            var start = ReadStart(r);
            var intervals = ReadDoubles(r);
            var times = ReadDoubles(r);
            beats = RrSeries.FromBeats(intervals, times, start);
        }
        var corrected = ReadDoubles(r);
        EcgBeats? ecg = r.ReadBoolean() ? new EcgBeats(ReadInts(r), ReadInts(r)) : null;
        TimedSignal? signal = null;
        if (r.ReadBoolean())
        {
            var start = ReadStart(r);
            signal = new TimedSignal(ReadDoubles(r), ReadDoubles(r), start);
        }
        signal ??= beats is null ? null : TimedSignal.FromRrSeries(beats);
        return new AnalysedRecording(analysis, signal)
        {
            ContentVersion = contentVersion,
            Json = json,
            Beats = beats,
            CorrectedBeatTimesS = corrected,
            Ecg = ecg,
        };
    }

    private static void WriteStart(BinaryWriter w, DateTimeOffset? start)
    {
        w.Write(start is not null);
        if (start is { } s)
        {
            w.Write(s.UtcTicks);
            w.Write((short)s.Offset.TotalMinutes);
        }
    }

    private static DateTimeOffset? ReadStart(BinaryReader r)
    {
        if (!r.ReadBoolean())
        {
            return null;
        }
        var ticks = r.ReadInt64();
        var offset = TimeSpan.FromMinutes(r.ReadInt16());
        return new DateTimeOffset(ticks, TimeSpan.Zero).ToOffset(offset);
    }

    private static void Write(BinaryWriter w, ReadOnlySpan<double> values)
    {
        w.Write(values.Length);
        w.Write(Shuffle(System.Runtime.InteropServices.MemoryMarshal.AsBytes(values), sizeof(double)));
    }

    private static void Write(BinaryWriter w, ReadOnlySpan<int> values)
    {
        w.Write(values.Length);
        w.Write(System.Runtime.InteropServices.MemoryMarshal.AsBytes(values));
    }

    private static double[] ReadDoubles(BinaryReader r)
    {
        var values = new double[r.ReadInt32()];
        var shuffled = new byte[values.Length * sizeof(double)];
        r.BaseStream.ReadExactly(shuffled);
        Unshuffle(shuffled, System.Runtime.InteropServices.MemoryMarshal.AsBytes(values.AsSpan()), sizeof(double));
        return values;
    }

    /// <summary>
    /// Byte k of every value together, then byte k + 1 (the "shuffle" filter of HDF5 and Blosc): the sign, exponent and high
    /// mantissa bytes of neighbouring beats are nearly equal, so Brotli finds them, where interleaved they look like noise.
    /// </summary>
    private static byte[] Shuffle(ReadOnlySpan<byte> bytes, int width)
    {
        var count = bytes.Length / width;
        var output = new byte[bytes.Length];
        for (var i = 0; i < count; i++)
        {
            for (var k = 0; k < width; k++)
            {
                output[k * count + i] = bytes[i * width + k];
            }
        }
        return output;
    }

    private static void Unshuffle(ReadOnlySpan<byte> shuffled, Span<byte> output, int width)
    {
        var count = shuffled.Length / width;
        for (var i = 0; i < count; i++)
        {
            for (var k = 0; k < width; k++)
            {
                output[i * width + k] = shuffled[k * count + i];
            }
        }
    }

    private static int[] ReadInts(BinaryReader r)
    {
        var values = new int[r.ReadInt32()];
        r.BaseStream.ReadExactly(System.Runtime.InteropServices.MemoryMarshal.AsBytes(values.AsSpan()));
        return values;
    }
}
