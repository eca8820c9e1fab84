using System.Globalization;
using Attune.TestSupport;

namespace Attune.Analysis.Tests;

/// <summary>Files under shared/reference-data, found by walking up from the test assembly; a missing file fails the test.</summary>
internal static class ReferenceData
{
    public static string Path(string relativePath) => ReferenceDataFiles.Require(relativePath);

    /// <summary>The full path; a missing file fails the test, locally as on CI.</summary>
    public static string Require(string relativePath) => ReferenceDataFiles.Require(relativePath);

    /// <summary>Reads the rr_ms column of a one-column CSV with a header line.</summary>
    public static double[] ReadRrMs(string path)
    {
        var lines = File.ReadAllLines(path);
        var values = new double[lines.Length - 1];
        for (var i = 1; i < lines.Length; i++)
        {
            values[i - 1] = double.Parse(lines[i], CultureInfo.InvariantCulture);
        }
        return values;
    }
}
