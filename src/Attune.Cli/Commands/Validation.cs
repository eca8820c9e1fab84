using System.CommandLine;
using System.Globalization;

namespace Attune.Cli.Commands;

/// <summary>Option checks that turn a bad value into a usage error (exit code 2) before any file is read.</summary>
internal static class Validation
{
    public static Option<double> Positive(this Option<double> option)
    {
        option.Validators.Add(result =>
        {
            var value = result.GetValueOrDefault<double>();
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
            var value = result.GetValueOrDefault<double>();
            if (!double.IsFinite(value) || value < 0)
            {
                result.AddError(string.Create(CultureInfo.InvariantCulture, $"{option.Name} must be zero or more; got {value}."));
            }
        });
        return option;
    }

    public static Option<int> AtLeast(this Option<int> option, int minimum)
    {
        option.Validators.Add(result =>
        {
            var value = result.GetValueOrDefault<int>();
            if (value < minimum)
            {
                result.AddError(string.Create(CultureInfo.InvariantCulture, $"{option.Name} must be at least {minimum}; got {value}."));
            }
        });
        return option;
    }
}
