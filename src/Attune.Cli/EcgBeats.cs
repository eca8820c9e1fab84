using Attune.Analysis.Artifacts;
using Attune.Analysis.Ecg;
using Attune.Cli.Commands;

namespace Attune.Cli;

/// <summary>R-peaks of an ECG and the artifact correction chosen for them.</summary>
internal static class EcgBeats
{
    /// <summary>
    /// The peaks to report and the correction of their intervals. The iterative correction works on the
    /// peaks themselves, as NeuroKit2 does, so it changes which peaks are reported; the one-pass correction
    /// works on the intervals and leaves the detected peaks as they are.
    /// </summary>
    public static (RPeaks Peaks, ArtifactCorrection? Correction) Correct(RPeaks found, CorrectionMode mode, IProgressSink progress)
    {
        switch (mode)
        {
            case CorrectionMode.None:
                return (found, null);
            case CorrectionMode.Iterative:
                progress.Stage("Correcting artifacts");
                var corrected = NeuroKitPeakCorrection.Correct(found);
                return (corrected.Peaks, corrected.Correction);
            default:
                progress.Stage("Correcting artifacts");
                return (found, LipponenTarvainen.Correct(found.ToRrSeries()));
        }
    }
}
