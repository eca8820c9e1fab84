namespace Attune.Analysis.Hrv;

/// <summary>A measure that was not computed for this series, and why (for example, too few beats).</summary>
/// <param name="Measure">Report name of the measure, as in <see cref="HrvReport.ToMeasures"/> (e.g. "DFA_alpha2").</param>
/// <param name="Reason">Plain-language reason, with the requirement and what the series had.</param>
public sealed record NotComputable(string Measure, string Reason);
