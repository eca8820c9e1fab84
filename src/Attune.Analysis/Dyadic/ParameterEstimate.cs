namespace Attune.Analysis.Dyadic;

/// <summary>
/// A regression coefficient with its ordinary-least-squares standard error.
/// </summary>
/// <param name="Value">The estimate, in the units of the model it comes from.</param>
/// <param name="StandardError">√(s² [(XᵀX)⁻¹]_jj) with s² = RSS / (n − p).</param>
public readonly record struct ParameterEstimate(double Value, double StandardError)
{
    /// <summary>t = Value / StandardError (NaN when the error is 0 or NaN).</summary>
    public double TValue => StandardError > 0 ? Value / StandardError : double.NaN;

    /// <summary>
    /// True when |t| ≥ 1.96, the two-sided 5 % normal approximation; used only to choose the wording
    /// of plain-language readings, never as a verdict.
    /// </summary>
    public bool IsClear => Math.Abs(TValue) >= 1.96;
}
