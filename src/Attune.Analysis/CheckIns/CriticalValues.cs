namespace Attune.Analysis.CheckIns;

/// <summary>Two-sided critical values for a confidence level: z from the standard normal, t from Student's t.</summary>
internal static class CriticalValues
{
    /// <summary>z = Φ⁻¹(1 − α/2) with α = 1 − <paramref name="confidence"/> (1.959964 for 95 %).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The confidence is not strictly between 0 and 1.</exception>
    public static double Normal(double confidence)
    {
        Validate(confidence);
        return MathNet.Numerics.Distributions.Normal.InvCDF(0, 1, 1 - (1 - confidence) / 2);
    }

    /// <summary>t = F⁻¹(1 − α/2) of Student's t with <paramref name="degreesOfFreedom"/> (4.302653 for 95 % and 2 df).</summary>
    /// <exception cref="ArgumentOutOfRangeException">The confidence is not strictly between 0 and 1, or df &lt; 1.</exception>
    public static double StudentT(double confidence, int degreesOfFreedom)
    {
        Validate(confidence);
        ArgumentOutOfRangeException.ThrowIfLessThan(degreesOfFreedom, 1);
        return MathNet.Numerics.Distributions.StudentT.InvCDF(0, 1, degreesOfFreedom, 1 - (1 - confidence) / 2);
    }

    /// <exception cref="ArgumentOutOfRangeException">The confidence is not strictly between 0 and 1.</exception>
    public static void Validate(double confidence)
    {
        if (!(confidence > 0 && confidence < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(confidence), confidence, "The confidence level must lie strictly between 0 and 1 (0.95 for 95 %).");
        }
    }
}
