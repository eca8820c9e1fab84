using System.CommandLine;
using System.CommandLine.Parsing;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Attune.Cli.Commands;

/// <summary>Bounds of the common grid that two people's heart rates are resampled to.</summary>
internal static class GridRates
{
    public const double MinimumHz = 0.01;

    // Heart rate changes once a beat; above 100 Hz a grid only costs memory (a day at 1 MHz would be 700 GB).
    public const double MaximumHz = 100;

    public const string Why = "Heart rate changes once a beat, so a grid faster than 100 Hz adds nothing but memory.";
}

/// <summary>The sample rate and channel of a raw ECG input (ecg and rr).</summary>
internal static class EcgOptions
{
    public static Option<double?> Rate() => new Option<double?>("--rate", "-r")
    {
        Description = "Sample rate of a CSV ECG in Hz (e.g. 250); required for CSV, read from the file for EDF.",
    }.NullableBetween(25, 20_000, "An ECG's QRS complex needs at least 25 samples a second to be found, and devices record at most a few kHz.");

    public static Option<string?> Channel() => new("--channel")
    {
        Description = "EDF/EDF+ only: the label of the ECG signal (case-insensitive). Default: the first label containing ECG or EKG.",
    };
}

/// <summary>Options that let sync and dynamics read raw ECG and skip artifact correction.</summary>
internal static class DyadOptions
{
    public static Option<double?> EcgRate() => new Option<double?>("--ecg-rate")
    {
        Description = "Sample rate in Hz of inputs that are raw ECG (a column named ecg): R-peaks are found (NeuroKit2's method), then their RR intervals are used. (--rate is the common grid's rate.)",
    }.NullableBetween(25, 20_000, "An ECG's QRS complex needs at least 25 samples a second to be found, and devices record at most a few kHz.");

    public static Option<bool> NoCorrection() => new("--no-correction")
    {
        Description = "Use RR intervals (from files or found in an ECG) as they are, without artifact correction.",
    };
}

/// <summary>Option checks that turn a bad value into a usage error (exit code 2) before any file is read.</summary>
internal static class Validation
{
    // A value that does not convert (e.g. "fast" for a number) already has its own parse error; the
    // validators still run and must not throw on it.
    public static bool TryGet<T>(OptionResult result, [MaybeNullWhen(false)] out T value)
    {
        try
        {
            value = result.GetValueOrDefault<T>();
            return true;
        }
        catch (InvalidOperationException)
        {
            value = default;
            return false;
        }
    }

    public static Option<double> Positive(this Option<double> option)
    {
        option.Validators.Add(result =>
        {
            if (!TryGet(result, out double value))
            {
                return;
            }
            if (!double.IsFinite(value) || value <= 0)
            {
                result.AddError(string.Create(CultureInfo.InvariantCulture, $"{option.Name} must be a positive number; got {value}."));
            }
        });
        return option;
    }

    public static Option<double> NotNegative(this Option<double> option)
    {
        option.Validators.Add(result =>
        {
            if (!TryGet(result, out double value))
            {
                return;
            }
            if (!double.IsFinite(value) || value < 0)
            {
                result.AddError(string.Create(CultureInfo.InvariantCulture, $"{option.Name} must be zero or more; got {value}."));
            }
        });
        return option;
    }

    /// <summary>A finite number in [minimum, maximum]; <paramref name="why"/> says what the bounds protect.</summary>
    public static Option<double> Between(this Option<double> option, double minimum, double maximum, string why)
    {
        option.Validators.Add(result =>
        {
            if (!TryGet(result, out double value))
            {
                return;
            }
            if (!double.IsFinite(value) || value < minimum || value > maximum)
            {
                result.AddError(string.Create(CultureInfo.InvariantCulture, $"{option.Name} must be between {minimum} and {maximum}; got {value}. {why}"));
            }
        });
        return option;
    }

    /// <summary>As <see cref="Between"/> for an optional number.</summary>
    public static Option<double?> NullableBetween(this Option<double?> option, double minimum, double maximum, string why)
    {
        option.Validators.Add(result =>
        {
            if (!TryGet(result, out double? value) || value is not { } v)
            {
                return;
            }
            if (!double.IsFinite(v) || v < minimum || v > maximum)
            {
                result.AddError(string.Create(CultureInfo.InvariantCulture, $"{option.Name} must be between {minimum} and {maximum}; got {v}. {why}"));
            }
        });
        return option;
    }

    public static Option<int> AtLeast(this Option<int> option, int minimum)
    {
        option.Validators.Add(result =>
        {
            if (!TryGet(result, out int value))
            {
                return;
            }
            if (value < minimum)
            {
                result.AddError(string.Create(CultureInfo.InvariantCulture, $"{option.Name} must be at least {minimum}; got {value}."));
            }
        });
        return option;
    }
}
