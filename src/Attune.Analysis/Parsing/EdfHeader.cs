namespace Attune.Analysis.Parsing;

/// <summary>The fields of an EDF header (Kemp et al. 1992, EDF+ 2003), named as the specification names them.</summary>
public enum EdfField
{
    /// <summary>"version of this data format (0)", 8 bytes.</summary>
    Version,

    /// <summary>"local patient identification", 80 bytes.</summary>
    PatientIdentification,

    /// <summary>"local recording identification", 80 bytes.</summary>
    RecordingIdentification,

    /// <summary>"startdate of recording (dd.mm.yy)", 8 bytes.</summary>
    StartDate,

    /// <summary>"starttime of recording (hh.mm.ss)", 8 bytes.</summary>
    StartTime,

    /// <summary>"number of bytes in header record", 8 bytes: 256 · (ns + 1).</summary>
    HeaderBytes,

    /// <summary>"reserved", 44 bytes ("EDF+C" or "EDF+D" in EDF+).</summary>
    Reserved,

    /// <summary>"number of data records (-1 if unknown)", 8 bytes.</summary>
    DataRecordCount,

    /// <summary>"duration of a data record, in seconds", 8 bytes.</summary>
    DataRecordDuration,

    /// <summary>"number of signals (ns) in data record", 4 bytes.</summary>
    SignalCount,

    /// <summary>"label", 16 bytes per signal.</summary>
    Label,

    /// <summary>"transducer type", 80 bytes per signal.</summary>
    TransducerType,

    /// <summary>"physical dimension", 8 bytes per signal.</summary>
    PhysicalDimension,

    /// <summary>"physical minimum", 8 bytes per signal.</summary>
    PhysicalMinimum,

    /// <summary>"physical maximum", 8 bytes per signal.</summary>
    PhysicalMaximum,

    /// <summary>"digital minimum", 8 bytes per signal.</summary>
    DigitalMinimum,

    /// <summary>"digital maximum", 8 bytes per signal.</summary>
    DigitalMaximum,

    /// <summary>"prefiltering", 80 bytes per signal.</summary>
    Prefiltering,

    /// <summary>"nr of samples in each data record", 8 bytes per signal.</summary>
    SamplesPerRecord,

    /// <summary>"reserved", 32 bytes per signal.</summary>
    SignalReserved,

    /// <summary>The data records after the header (their number and length).</summary>
    DataRecords,

    /// <summary>The EDF+ annotations signal ("EDF Annotations"), whose first TAL in each record keeps time.</summary>
    Annotations,
}

/// <summary>An EDF header field that is missing or wrong, as a <see cref="ParseError"/> naming it.</summary>
/// <param name="Field">The field at fault.</param>
/// <param name="Signal">0-based signal index for per-signal fields, else null.</param>
/// <param name="Message">What is wrong, naming the field.</param>
public sealed record EdfFieldError(EdfField Field, int? Signal, string Message) : ParseError(null, Message);

/// <summary>One signal's header.</summary>
/// <param name="Label">Label, trimmed (e.g. "ECG I", "EDF Annotations").</param>
/// <param name="TransducerType">Transducer type, trimmed.</param>
/// <param name="PhysicalDimension">Unit of the physical values, trimmed (e.g. "mV", "uV").</param>
/// <param name="PhysicalMinimum">Physical value of <paramref name="DigitalMinimum"/>.</param>
/// <param name="PhysicalMaximum">Physical value of <paramref name="DigitalMaximum"/>.</param>
/// <param name="DigitalMinimum">Smallest integer the device writes.</param>
/// <param name="DigitalMaximum">Largest integer the device writes.</param>
/// <param name="Prefiltering">Prefiltering, trimmed (e.g. "HP:0.1Hz LP:75Hz").</param>
/// <param name="SamplesPerRecord">Samples of this signal in each data record.</param>
public sealed record EdfSignalHeader(
    string Label,
    string TransducerType,
    string PhysicalDimension,
    double PhysicalMinimum,
    double PhysicalMaximum,
    int DigitalMinimum,
    int DigitalMaximum,
    string Prefiltering,
    int SamplesPerRecord)
{
    /// <summary>True for the EDF+ annotations signal, which holds text, not samples.</summary>
    public bool IsAnnotations => Label.Equals("EDF Annotations", StringComparison.OrdinalIgnoreCase);
}

/// <summary>An EDF or EDF+ file header.</summary>
/// <param name="PatientIdentification">Local patient identification, trimmed.</param>
/// <param name="RecordingIdentification">Local recording identification, trimmed.</param>
/// <param name="Start">Start date and time of the recording. EDF stores local time without a zone; it is taken as UTC.</param>
/// <param name="HeaderBytes">Bytes before the first data record: 256 · (signals + 1).</param>
/// <param name="Variant">"EDF", "EDF+C" (continuous) or "EDF+D" (discontinuous).</param>
/// <param name="DataRecordCount">Number of data records (from the file length when the header says −1).</param>
/// <param name="DataRecordDurationS">Duration of one data record, seconds.</param>
/// <param name="Signals">The signals, in file order.</param>
public sealed record EdfHeader(
    string PatientIdentification,
    string RecordingIdentification,
    DateTimeOffset Start,
    int HeaderBytes,
    string Variant,
    long DataRecordCount,
    double DataRecordDurationS,
    IReadOnlyList<EdfSignalHeader> Signals)
{
    /// <summary>Bytes of one data record: two per sample of every signal.</summary>
    public long RecordBytes
    {
        get
        {
            long total = 0;
            foreach (var s in Signals)
            {
                total += 2L * s.SamplesPerRecord;
            }
            return total;
        }
    }

    /// <summary>Sample rate of signal <paramref name="index"/>, Hz: samples per record / record duration.</summary>
    public double SampleRateHz(int index) => Signals[index].SamplesPerRecord / DataRecordDurationS;
}

/// <summary>The ECG channel of an EDF file.</summary>
/// <param name="Signal">The samples in physical units, with segments at EDF+D discontinuities.</param>
/// <param name="Channel">The header of the channel read.</param>
/// <param name="Header">The file's header.</param>
public sealed record EdfEcg(Series.EcgSignal Signal, EdfSignalHeader Channel, EdfHeader Header);
