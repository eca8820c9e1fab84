using Attune.Analysis.Series;

namespace Attune.Analysis.Ecg;

/// <summary>R-peaks found in an <see cref="EcgSignal"/>.</summary>
public sealed class RPeaks
{
    private readonly int[] _indices;
    private readonly EcgSignal _signal;

    internal RPeaks(int[] indices, IReadOnlyList<string> notes, EcgSignal signal)
    {
        _indices = indices;
        Notes = notes;
        _signal = signal;
    }

    /// <summary>Sample indices of the R-peaks into <see cref="EcgSignal.Samples"/>, strictly increasing.</summary>
    public ReadOnlySpan<int> Indices => _indices;

    /// <summary>The signal the peaks were found in.</summary>
    internal EcgSignal Signal => _signal;

    /// <summary>Number of peaks.</summary>
    public int Count => _indices.Length;

    /// <summary>What the detector could not do, per segment (too short, no QRS found); empty when all went well.</summary>
    public IReadOnlyList<string> Notes { get; }

    /// <summary>
    /// RR intervals between consecutive peaks of the same segment: interval = (k₂ − k₁) / fs · 1000 ms,
    /// beat time = the later peak's time. No interval spans a gap, so the series has a time jump at
    /// each gap; the first peak of each segment only opens an interval.
    /// </summary>
    public RrSeries ToRrSeries() => NeuroKitPeakDetector.ToRrSeries(_signal, _indices);
}
