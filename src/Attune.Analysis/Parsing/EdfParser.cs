using System.Globalization;
using System.Text;
using Attune.Analysis.Series;

namespace Attune.Analysis.Parsing;

/// <summary>
/// Reads EDF and EDF+ files (European Data Format: Kemp, Värri, Rosa, Nielsen &amp; Gade 1992, "A simple
/// format for exchange of digitized polygraphic recordings", Electroencephalogr. Clin. Neurophysiol. 82,
/// 391–393; EDF+: Kemp &amp; Olivan 2003, "European data format 'plus' (EDF+)", Clin. Neurophysiol. 114,
/// 1755–1761), written from the published specification.
/// </summary>
/// <remarks>
/// <para>Header: 256 ASCII bytes (version "0", patient and recording identification, start date
/// dd.mm.yy and time hh.mm.ss, header length, reserved — "EDF+C"/"EDF+D" in EDF+ — number of data records,
/// record duration in seconds, number of signals ns), then for each field the ns signals' values one after
/// the other (label 16, transducer 80, physical dimension 8, physical minimum 8 and maximum 8, digital minimum
/// 8 and maximum 8, prefiltering 80, samples per record 8, reserved 32 bytes). Every field must be printable
/// ASCII; numbers are read with the invariant culture. Dates: years 85–99 are 1985–1999, 00–84 are 2000–2084
/// (the specification's clipping date).</para>
/// <para>Data records follow, each holding, signal after signal, that signal's samples as 16-bit
/// little-endian two's-complement integers. Physical value = P_min + (d − D_min)·(P_max − P_min)/(D_max − D_min).
/// A header count of −1 data records means "unknown": the count is taken from the file length.</para>
/// <para>The "EDF Annotations" signal of EDF+ holds text, never samples; it is only read in EDF+D files, where
/// the first time-keeping annotation of each record ("+onset") gives the record's start, and a record that does
/// not start where the previous one ended begins a new <see cref="EcgSegment"/>.</para>
/// <para>Reading is streaming: one data record at a time, keeping only the chosen channel's samples (as
/// floats, like every <see cref="EcgSignal"/>). Errors are returned as <see cref="EdfFieldError"/>s naming
/// the field, never thrown.</para>
/// </remarks>
public static class EdfParser
{
    /// <summary>Largest number of signals accepted (the field has four digits).</summary>
    public const int MaximumSignals = 9999;

    /// <summary>True when <paramref name="first"/> (at least the first 8 bytes of a file) starts like an EDF header.</summary>
    public static bool LooksLikeEdf(ReadOnlySpan<byte> first) =>
        first.Length >= 8 && first[0] == (byte)'0' && first[1..8].IndexOfAnyExcept((byte)' ') < 0;

    /// <summary>Reads the header and leaves the stream at the first data record.</summary>
    public static ParseResult<EdfHeader> ReadHeader(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var fixedPart = new byte[256];
        if (ReadFully(stream, fixedPart) < 256)
        {
            return Fail<EdfHeader>(EdfField.Version, null, "the file is shorter than the 256-byte EDF header");
        }
        var at = 0;
        string Take(int length)
        {
            var text = Encoding.ASCII.GetString(fixedPart, at, length);
            at += length;
            return text;
        }
        var version = Take(8);
        var patient = Take(80);
        var recording = Take(80);
        var date = Take(8);
        var time = Take(8);
        var headerBytesText = Take(8);
        var reserved = Take(44);
        var recordsText = Take(8);
        var durationText = Take(8);
        var signalsText = Take(4);

        if (!IsAscii(fixedPart.AsSpan(0, 8)) || version.Trim() != "0")
        {
            return Fail<EdfHeader>(EdfField.Version, null, $"version of this data format is {Show(fixedPart.AsSpan(0, 8))}, not \"0\" (is it BDF or another format?)");
        }
        (EdfField Field, int Offset, int Length)[] fields =
        [
            (EdfField.PatientIdentification, 8, 80), (EdfField.RecordingIdentification, 88, 80), (EdfField.StartDate, 168, 8),
            (EdfField.StartTime, 176, 8), (EdfField.HeaderBytes, 184, 8), (EdfField.Reserved, 192, 44),
            (EdfField.DataRecordCount, 236, 8), (EdfField.DataRecordDuration, 244, 8), (EdfField.SignalCount, 252, 4),
        ];
        foreach (var (field, offset, length) in fields)
        {
            if (!IsAscii(fixedPart.AsSpan(offset, length)))
            {
                return Fail<EdfHeader>(field, null, $"{Name(field)} holds bytes that are not printable ASCII");
            }
        }
        if (!TryDate(date, time, out var start, out var dateError))
        {
            return Fail<EdfHeader>(dateError.Field, null, dateError.Message);
        }
        if (!int.TryParse(signalsText.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var ns) || ns < 1 || ns > MaximumSignals)
        {
            return Fail<EdfHeader>(EdfField.SignalCount, null, $"number of signals is {Show(signalsText)}, not a whole number from 1 to {MaximumSignals}");
        }
        if (!int.TryParse(headerBytesText.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var headerBytes) || headerBytes != 256 * (ns + 1))
        {
            return Fail<EdfHeader>(EdfField.HeaderBytes, null, $"number of bytes in header record is {Show(headerBytesText)}; with {ns} signal(s) it must be {256 * (ns + 1)}");
        }
        if (!long.TryParse(recordsText.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var records) || records < -1)
        {
            return Fail<EdfHeader>(EdfField.DataRecordCount, null, $"number of data records is {Show(recordsText)}, not a whole number (or -1 for unknown)");
        }
        if (!double.TryParse(durationText.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var duration) || !double.IsFinite(duration) || duration <= 0)
        {
            return Fail<EdfHeader>(EdfField.DataRecordDuration, null, $"duration of a data record is {Show(durationText)}, not a positive number of seconds");
        }
        var variant = reserved.StartsWith("EDF+C", StringComparison.Ordinal) ? "EDF+C" : reserved.StartsWith("EDF+D", StringComparison.Ordinal) ? "EDF+D" : "EDF";

        var signalPart = new byte[256 * ns];
        if (ReadFully(stream, signalPart) < signalPart.Length)
        {
            return Fail<EdfHeader>(EdfField.HeaderBytes, null, $"the file ends inside the header: {ns} signal(s) need {headerBytes} header bytes");
        }
        var signalFields = new (EdfField Field, int Length)[]
        {
            (EdfField.Label, 16), (EdfField.TransducerType, 80), (EdfField.PhysicalDimension, 8), (EdfField.PhysicalMinimum, 8),
            (EdfField.PhysicalMaximum, 8), (EdfField.DigitalMinimum, 8), (EdfField.DigitalMaximum, 8), (EdfField.Prefiltering, 80),
            (EdfField.SamplesPerRecord, 8), (EdfField.SignalReserved, 32),
        };
        var values = new string[signalFields.Length][];
        var offsetInPart = 0;
        for (var f = 0; f < signalFields.Length; f++)
        {
            var (field, length) = signalFields[f];
            values[f] = new string[ns];
            for (var i = 0; i < ns; i++)
            {
                var span = signalPart.AsSpan(offsetInPart, length);
                if (!IsAscii(span))
                {
                    return Fail<EdfHeader>(field, i, $"{Name(field)} of signal {i + 1} holds bytes that are not printable ASCII");
                }
                values[f][i] = Encoding.ASCII.GetString(span);
                offsetInPart += length;
            }
        }
        var signals = new EdfSignalHeader[ns];
        for (var i = 0; i < ns; i++)
        {
            var label = values[0][i].Trim();
            if (!TryNumber(values[3][i], out var pmin))
            {
                return Fail<EdfHeader>(EdfField.PhysicalMinimum, i, $"physical minimum of signal {i + 1} ({label}) is {Show(values[3][i])}, not a number");
            }
            if (!TryNumber(values[4][i], out var pmax))
            {
                return Fail<EdfHeader>(EdfField.PhysicalMaximum, i, $"physical maximum of signal {i + 1} ({label}) is {Show(values[4][i])}, not a number");
            }
            if (!int.TryParse(values[5][i].Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var dmin) || dmin < short.MinValue || dmin > short.MaxValue)
            {
                return Fail<EdfHeader>(EdfField.DigitalMinimum, i, $"digital minimum of signal {i + 1} ({label}) is {Show(values[5][i])}, not a whole number from -32768 to 32767");
            }
            if (!int.TryParse(values[6][i].Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var dmax) || dmax < short.MinValue || dmax > short.MaxValue || dmax <= dmin)
            {
                return Fail<EdfHeader>(EdfField.DigitalMaximum, i, $"digital maximum of signal {i + 1} ({label}) is {Show(values[6][i])}; it must be a whole number up to 32767 and above the digital minimum {dmin}");
            }
            if (pmax == pmin && !label.Equals("EDF Annotations", StringComparison.OrdinalIgnoreCase))
            {
                return Fail<EdfHeader>(EdfField.PhysicalMaximum, i, $"physical maximum of signal {i + 1} ({label}) equals its physical minimum, so no sample can be scaled");
            }
            if (!int.TryParse(values[8][i].Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var perRecord) || perRecord < 1)
            {
                return Fail<EdfHeader>(EdfField.SamplesPerRecord, i, $"nr of samples in each data record of signal {i + 1} ({label}) is {Show(values[8][i])}, not a positive whole number");
            }
            signals[i] = new EdfSignalHeader(label, values[1][i].Trim(), values[2][i].Trim(), pmin, pmax, dmin, dmax, values[7][i].Trim(), perRecord);
        }
        var header = new EdfHeader(patient.Trim(), recording.Trim(), start, headerBytes, variant, records, duration, signals);
        if (stream.CanSeek)
        {
            var available = (stream.Length - headerBytes) / header.RecordBytes;
            if (records == -1)
            {
                header = header with { DataRecordCount = available };
            }
            else if (available < records)
            {
                return Fail<EdfHeader>(EdfField.DataRecords, null, $"the header announces {records} data records of {header.RecordBytes} bytes, but the file holds {available} (it is cut short)");
            }
        }
        else if (records == -1)
        {
            return Fail<EdfHeader>(EdfField.DataRecordCount, null, "number of data records is -1 (unknown), which needs a file whose length can be read");
        }
        return ParseResult<EdfHeader>.Success(header);
    }

    /// <summary>
    /// Reads the ECG channel: the signal labelled <paramref name="channel"/> (trimmed, case-insensitive) or,
    /// when null, the first signal whose label contains "ECG" or "EKG" (case-insensitive). Its sample rate is
    /// samples per record / record duration.
    /// </summary>
    public static ParseResult<EdfEcg> ReadEcg(Stream stream, string? channel = null, IProgress<long>? progress = null)
    {
        var read = ReadHeader(stream);
        if (!read.IsSuccess)
        {
            return ParseResult<EdfEcg>.Failure(read.Error);
        }
        var header = read.Value;
        var index = -1;
        for (var i = 0; i < header.Signals.Count && index < 0; i++)
        {
            var label = header.Signals[i].Label;
            if (header.Signals[i].IsAnnotations)
            {
                continue;
            }
            var match = channel is not null
                ? label.Equals(channel.Trim(), StringComparison.OrdinalIgnoreCase)
                : label.Contains("ECG", StringComparison.OrdinalIgnoreCase) || label.Contains("EKG", StringComparison.OrdinalIgnoreCase);
            if (match)
            {
                index = i;
            }
        }
        if (index < 0)
        {
            var labels = string.Join(", ", header.Signals.Where(s => !s.IsAnnotations).Select(s => $"'{s.Label}'"));
            var why = channel is not null ? $"no signal is labelled '{channel}'" : "no signal's label contains ECG or EKG";
            return Fail<EdfEcg>(EdfField.Label, null, $"{why}; the signals are {labels}. Choose one by its label");
        }
        var annotations = -1;
        if (header.Variant == "EDF+D")
        {
            for (var i = 0; i < header.Signals.Count; i++)
            {
                if (header.Signals[i].IsAnnotations)
                {
                    annotations = i;
                    break;
                }
            }
            if (annotations < 0)
            {
                return Fail<EdfEcg>(EdfField.Annotations, null, "the file is EDF+D (discontinuous) but has no 'EDF Annotations' signal to say when each data record starts");
            }
        }

        var chosen = header.Signals[index];
        var perRecord = chosen.SamplesPerRecord;
        var total = header.DataRecordCount * perRecord;
        if (total > Array.MaxLength)
        {
            return Fail<EdfEcg>(EdfField.DataRecords, null, $"{total} samples are more than one signal can hold");
        }
        var samples = GC.AllocateUninitializedArray<float>((int)total);
        var gain = (chosen.PhysicalMaximum - chosen.PhysicalMinimum) / (chosen.DigitalMaximum - chosen.DigitalMinimum);
        var recordBytes = header.RecordBytes;
        var record = new byte[recordBytes];
        long channelOffset = 0, annotationOffset = 0;
        for (var i = 0; i < header.Signals.Count; i++)
        {
            if (i < index)
            {
                channelOffset += 2L * header.Signals[i].SamplesPerRecord;
            }
            if (i < annotations)
            {
                annotationOffset += 2L * header.Signals[i].SamplesPerRecord;
            }
        }
        var segments = new List<EcgSegment>();
        var rate = perRecord / header.DataRecordDurationS;
        var segmentStart = 0;
        var segmentTime = 0.0;
        var expected = 0.0;
        for (long r = 0; r < header.DataRecordCount; r++)
        {
            if (ReadFully(stream, record) < recordBytes)
            {
                return Fail<EdfEcg>(EdfField.DataRecords, null, $"the file ends inside data record {r + 1} of {header.DataRecordCount}");
            }
            var dst = (int)(r * perRecord);
            for (var k = 0; k < perRecord; k++)
            {
                var at = channelOffset + 2 * k;
                var digital = (short)(record[at] | (record[at + 1] << 8));
                samples[dst + k] = (float)(chosen.PhysicalMinimum + (digital - chosen.DigitalMinimum) * gain);
            }
            if (annotations >= 0)
            {
                if (!TryRecordOnset(record.AsSpan((int)annotationOffset, 2 * header.Signals[annotations].SamplesPerRecord), out var onset))
                {
                    return Fail<EdfEcg>(EdfField.Annotations, annotations, $"data record {r + 1} has no time-keeping annotation (+onset) at the start of its 'EDF Annotations' signal");
                }
                if (r == 0)
                {
                    segmentTime = onset;
                }
                else if (Math.Abs(onset - expected) > 1e-6)
                {
                    if (onset < expected)
                    {
                        return Fail<EdfEcg>(EdfField.Annotations, annotations, $"data record {r + 1} starts at {onset.ToString(CultureInfo.InvariantCulture)} s, before the previous one ends");
                    }
                    segments.Add(new EcgSegment(segmentStart, dst - segmentStart, segmentTime));
                    segmentStart = dst;
                    segmentTime = onset;
                }
                expected = onset + header.DataRecordDurationS;
            }
            if (progress is not null && (r & 255) == 0)
            {
                progress.Report(r);
            }
        }
        if (total == 0)
        {
            return Fail<EdfEcg>(EdfField.DataRecords, null, "the file holds no data records");
        }
        EcgSegment[]? segmentArray = null;
        if (annotations >= 0)
        {
            segments.Add(new EcgSegment(segmentStart, (int)total - segmentStart, segmentTime));
            segmentArray = [.. segments];
        }
        progress?.Report(header.DataRecordCount);
        return ParseResult<EdfEcg>.Success(new EdfEcg(EcgSignal.CreateOwned(samples, (int)total, rate, segmentArray, header.Start), chosen, header));
    }

    // The record's first TAL: "+onset" or "-onset", then byte 20 (and for time-keeping, a second 20).
    private static bool TryRecordOnset(ReadOnlySpan<byte> annotation, out double onset)
    {
        onset = 0;
        var end = annotation.IndexOf((byte)20);
        if (end <= 1 || (annotation[0] != '+' && annotation[0] != '-'))
        {
            return false;
        }
        var text = Encoding.ASCII.GetString(annotation[..end]);
        return double.TryParse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out onset);
    }

    private static bool TryDate(string date, string time, out DateTimeOffset start, out (EdfField Field, string Message) error)
    {
        start = default;
        error = default;
        var d = date.Split('.');
        if (d.Length != 3 || !int.TryParse(d[0], NumberStyles.None, CultureInfo.InvariantCulture, out var day)
            || !int.TryParse(d[1], NumberStyles.None, CultureInfo.InvariantCulture, out var month)
            || !int.TryParse(d[2], NumberStyles.None, CultureInfo.InvariantCulture, out var yy) || yy > 99)
        {
            error = (EdfField.StartDate, $"startdate of recording is {Show(date)}, not dd.mm.yy");
            return false;
        }
        var t = time.Split('.');
        if (t.Length != 3 || !int.TryParse(t[0], NumberStyles.None, CultureInfo.InvariantCulture, out var hour)
            || !int.TryParse(t[1], NumberStyles.None, CultureInfo.InvariantCulture, out var minute)
            || !int.TryParse(t[2], NumberStyles.None, CultureInfo.InvariantCulture, out var second)
            || hour > 23 || minute > 59 || second > 59)
        {
            error = (EdfField.StartTime, $"starttime of recording is {Show(time)}, not hh.mm.ss");
            return false;
        }
        var year = yy >= 85 ? 1900 + yy : 2000 + yy;
        if (month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month))
        {
            error = (EdfField.StartDate, $"startdate of recording is {Show(date)}, which is no calendar date");
            return false;
        }
        start = new DateTimeOffset(year, month, day, hour, minute, second, TimeSpan.Zero);
        return true;
    }

    private static bool TryNumber(string text, out double value) =>
        double.TryParse(text.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out value) && double.IsFinite(value);

    private static bool IsAscii(ReadOnlySpan<byte> bytes)
    {
        foreach (var b in bytes)
        {
            if (b < 32 || b > 126)
            {
                return false;
            }
        }
        return true;
    }

    private static string Show(string text) => $"'{text.Trim()}'";

    private static string Show(ReadOnlySpan<byte> bytes)
    {
        var chars = new char[bytes.Length];
        for (var i = 0; i < bytes.Length; i++)
        {
            chars[i] = bytes[i] is >= 32 and <= 126 ? (char)bytes[i] : '?';
        }
        return $"'{new string(chars).Trim()}'";
    }

    private static string Name(EdfField field) => field switch
    {
        EdfField.PatientIdentification => "local patient identification",
        EdfField.RecordingIdentification => "local recording identification",
        EdfField.StartDate => "startdate of recording",
        EdfField.StartTime => "starttime of recording",
        EdfField.HeaderBytes => "number of bytes in header record",
        EdfField.Reserved => "reserved",
        EdfField.DataRecordCount => "number of data records",
        EdfField.DataRecordDuration => "duration of a data record",
        EdfField.SignalCount => "number of signals",
        EdfField.Label => "label",
        EdfField.TransducerType => "transducer type",
        EdfField.PhysicalDimension => "physical dimension",
        EdfField.PhysicalMinimum => "physical minimum",
        EdfField.PhysicalMaximum => "physical maximum",
        EdfField.DigitalMinimum => "digital minimum",
        EdfField.DigitalMaximum => "digital maximum",
        EdfField.Prefiltering => "prefiltering",
        EdfField.SamplesPerRecord => "nr of samples in each data record",
        EdfField.SignalReserved => "reserved (signal)",
        _ => field.ToString(),
    };

    private static ParseResult<T> Fail<T>(EdfField field, int? signal, string message) where T : class =>
        ParseResult<T>.Failure(new EdfFieldError(field, signal, message));

    private static int ReadFully(Stream stream, Span<byte> buffer)
    {
        var total = 0;
        while (total < buffer.Length)
        {
            var read = stream.Read(buffer[total..]);
            if (read <= 0)
            {
                break;
            }
            total += read;
        }
        return total;
    }
}
