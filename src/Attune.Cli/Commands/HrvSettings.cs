using System.CommandLine;
using System.Globalization;
using Attune.Analysis.Hrv;

namespace Attune.Cli.Commands;

/// <summary>How RR intervals are corrected before analysis.</summary>
internal enum CorrectionMode
{
    /// <summary>As recorded.</summary>
    None,

    /// <summary>Lipponen &amp; Tarvainen (2019), one pass, as Kubios.</summary>
    Kubios,

    /// <summary>NeuroKit2's iterative <c>signal_fixpeaks(method="kubios")</c>.</summary>
    Iterative,
}

/// <summary>The researcher controls shared by <c>hrv</c> and <c>ecg</c>: preset, spectrum, DFA scales, correction.</summary>
internal sealed class HrvSettings
{
    public const string Kubios = "kubios";
    public const string NeuroKit2 = "neurokit2";

    private readonly Option<string> _preset = new("--preset")
    {
        Description = "Conventions: kubios (Attune's defaults, Kubios-like) or neurokit2 (reproduces NeuroKit2 0.2.x: spectrum, DFA scales, pNN50, SD2 and its iterative peak correction).",
        DefaultValueFactory = _ => Kubios,
    };

    private readonly Option<string?> _spectrum = new("--spectrum")
    {
        Description = "Spectral estimator: welch (resampled tachogram) or lomb (Lomb–Scargle on the beat times). Default: Welch, or Lomb–Scargle when the series has gaps.",
    };

    private readonly Option<string?> _dfaScales = new("--dfa-scales")
    {
        Description = "DFA box sizes in beats as a,b:c,d (α1 from a to b, α2 from c to d); d may be N/10 for ⌊(N+1)/10⌋. Default 4,16:16,64 (neurokit2: 4,11:12,N/10).",
    };

    private readonly Option<string?> _correction = new("--correction")
    {
        Description = "Artifact correction: none, kubios (Lipponen & Tarvainen 2019, one pass) or iterative (NeuroKit2's repeated correction). Default kubios (neurokit2 preset: iterative).",
    };

    private readonly Option<bool> _noCorrection = new("--no-correction") { Description = "Same as --correction none." };

    public HrvSettings()
    {
        _preset.AcceptOnlyFromAmong(Kubios, NeuroKit2);
        _spectrum.AcceptOnlyFromAmong("welch", "lomb");
        _correction.AcceptOnlyFromAmong("none", "kubios", "iterative");
        _dfaScales.Validators.Add(result =>
        {
            if (Validation.TryGet(result, out string? text) && text is not null && ParseScales(text, out _, out _) is { } error)
            {
                result.AddError(error);
            }
        });
    }

    public void AddTo(Command command)
    {
        command.Options.Add(_preset);
        command.Options.Add(_spectrum);
        command.Options.Add(_dfaScales);
        command.Options.Add(_correction);
        command.Options.Add(_noCorrection);
    }

    /// <summary>The chosen conventions; a contradiction between options is a usage error.</summary>
    public (HrvOptions Options, CorrectionMode Correction, JsonConventions Conventions) Read(ParseResult parse)
    {
        var preset = parse.GetValue(_preset) ?? Kubios;
        var options = HrvOptions.For(preset == NeuroKit2 ? HrvPreset.NeuroKit2 : HrvPreset.Kubios);
        switch (parse.GetValue(_spectrum))
        {
            case "welch":
                options = options with { Frequency = options.Frequency with { Method = SpectralMethod.Welch } };
                break;
            case "lomb":
                options = options with { Frequency = options.Frequency with { Method = SpectralMethod.LombScargle } };
                break;
        }
        if (parse.GetValue(_dfaScales) is { } scales)
        {
            ParseScales(scales, out var shortBoxes, out var longBoxes);
            options = options with { DfaShortBoxes = shortBoxes, DfaLongBoxes = longBoxes };
        }
        var correction = preset == NeuroKit2 ? CorrectionMode.Iterative : CorrectionMode.Kubios;
        var asked = parse.GetValue(_correction);
        if (parse.GetValue(_noCorrection))
        {
            if (asked is not null and not "none")
            {
                throw new CliException(ExitCodes.Usage, $"--no-correction and --correction {asked} contradict each other; give one of them.");
            }
            correction = CorrectionMode.None;
        }
        else if (asked is not null)
        {
            correction = asked switch
            {
                "none" => CorrectionMode.None,
                "iterative" => CorrectionMode.Iterative,
                _ => CorrectionMode.Kubios,
            };
        }
        var conventions = new JsonConventions(preset, options.Frequency.Method switch
        {
            SpectralMethod.Welch => "welch",
            SpectralMethod.LombScargle => "lomb",
            _ => "auto",
        }, Invariant($"{options.DfaShortBoxes.Min},{Max(options.DfaShortBoxes)}:{options.DfaLongBoxes.Min},{Max(options.DfaLongBoxes)}"), Name(correction));
        return (options, correction, conventions);
    }

    public static string Name(CorrectionMode mode) => mode switch
    {
        CorrectionMode.None => "none",
        CorrectionMode.Iterative => "iterative",
        _ => "kubios",
    };

    private static string Max(DfaScaleRange range) => range.Max is { } max ? max.ToString(CultureInfo.InvariantCulture) : "N/10";

    /// <summary>Parses a,b:c,d; returns an error message, or null when the text is valid.</summary>
    internal static string? ParseScales(string text, out DfaScaleRange shortBoxes, out DfaScaleRange longBoxes)
    {
        shortBoxes = default;
        longBoxes = default;
        var ranges = text.Split(':');
        if (ranges.Length != 2)
        {
            return $"--dfa-scales must look like 4,16:16,64 (α1 range, colon, α2 range); got '{text}'.";
        }
        var parsed = new DfaScaleRange[2];
        for (var i = 0; i < 2; i++)
        {
            var bounds = ranges[i].Split(',', StringSplitOptions.TrimEntries);
            if (bounds.Length != 2 || !int.TryParse(bounds[0], NumberStyles.None, CultureInfo.InvariantCulture, out var min))
            {
                return $"--dfa-scales must look like 4,16:16,64 (whole numbers of beats); got '{text}'.";
            }
            int? max;
            if (i == 1 && bounds[1].Equals("N/10", StringComparison.OrdinalIgnoreCase))
            {
                max = null;
            }
            else if (int.TryParse(bounds[1], NumberStyles.None, CultureInfo.InvariantCulture, out var m))
            {
                max = m;
            }
            else
            {
                return $"--dfa-scales must look like 4,16:16,64 (whole numbers of beats; the last may be N/10); got '{text}'.";
            }
            if (min < 3 || (max is { } mx && mx <= min))
            {
                return $"--dfa-scales: each range needs 3 ≤ smallest < largest box; got '{ranges[i]}'.";
            }
            parsed[i] = new DfaScaleRange(min, max);
        }
        shortBoxes = parsed[0];
        longBoxes = parsed[1];
        return null;
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}

/// <summary>The conventions an HRV result was computed with, for the JSON output.</summary>
internal sealed record JsonConventions(string Preset, string Spectrum, string DfaScales, string Correction);
