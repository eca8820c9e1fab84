using Attune.TestSupport;

namespace Attune.Browser.Tests.Infrastructure;

/// <summary>
/// The shared real recordings (<c>shared/reference-data</c>, beside the clone), found by walking up from the
/// test assembly as the other test projects do. They are read in place, never copied into the repository.
/// </summary>
public static class ReferenceData
{
    /// <summary>24-hour Holter RR intervals (MIT-BIH Long-Term ECG Database, record 14046), one column <c>rr_ms</c>.</summary>
    public const string HolterRr = "rr/ltdb_14046_24h.rr.csv";

    /// <summary>Two people's chest ECG from one session, about 200 Hz, with timestamps.</summary>
    public const string DyadA = "dyad/dyad_movesense_A.ecg200hz.csv";

    /// <inheritdoc cref="DyadA"/>
    public const string DyadB = "dyad/dyad_movesense_B.ecg200hz.csv";

    public const double DyadSampleRateHz = 200;

    /// <summary>The full path of <paramref name="relativePath"/> under shared/reference-data; a missing file fails the test.</summary>
    public static string Path(string relativePath) => ReferenceDataFiles.Require(relativePath);
}
