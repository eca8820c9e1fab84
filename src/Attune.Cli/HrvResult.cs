using System.Globalization;
using System.Text.Json.Nodes;
using Attune.Analysis.Artifacts;
using Attune.Analysis.Hrv;
using Attune.Analysis.Rhythm;
using Attune.Analysis.Series;
using Attune.Cli.Commands;
using Spectre.Console;

namespace Attune.Cli;

/// <summary>An HRV report with the artifact correction that preceded it and the conventions used.</summary>
internal sealed record HrvResult(string File, int InputBeats, ArtifactCorrection? Correction, HrvReport Report, int OutOfRangeInFile, JsonConventions Conventions)
{
    /// <summary>Corrects artifacts as <paramref name="mode"/> says; null for <see cref="CorrectionMode.None"/>.</summary>
    public static ArtifactCorrection? Correct(RrSeries raw, CorrectionMode mode, IProgressSink progress)
    {
        if (mode == CorrectionMode.None)
        {
            return null;
        }
        progress.Stage("Correcting artifacts");
        return mode == CorrectionMode.Iterative ? NeuroKitPeakCorrection.Correct(raw) : LipponenTarvainen.Correct(raw);
    }

    /// <summary>Corrects artifacts (unless <paramref name="mode"/> is none) and runs every HRV measure.</summary>
    public static HrvResult Analyze(string file, RrSeries raw, CorrectionMode mode, HrvOptions options, JsonConventions conventions, int outOfRange, IProgressSink progress) =>
        Analyze(file, raw, Correct(raw, mode, progress), options, conventions, outOfRange, progress);

    /// <summary>Runs every HRV measure on the corrected series (or <paramref name="raw"/> when there was no correction).</summary>
    public static HrvResult Analyze(string file, RrSeries raw, ArtifactCorrection? correction, HrvOptions options, JsonConventions conventions, int outOfRange, IProgressSink progress)
    {
        progress.Stage("Computing HRV");
        var report = HrvAnalyzer.Analyze(correction?.Corrected ?? raw, options);
        return new HrvResult(file, raw.Count, correction, report, outOfRange, conventions);
    }

    /// <summary>True when not a single measure could be computed.</summary>
    public bool NothingComputable => Report.ToMeasures().All(m => m.Value is null);

    public string NothingComputableMessage =>
        string.Create(CultureInfo.InvariantCulture,
            $"{File}: {Report.BeatCount} intervals are not enough for any HRV measure (at least {TimeDomain.MinimumIntervals} are needed, and a few minutes of beats for most). A longer recording will give you a report.");

    private static readonly string[] CountNames = ["Ectopic", "Missed", "Extra", "Long", "Short", "OutOfRange"];

    private int[] Counts()
    {
        var c = Correction?.Counts ?? default;
        return [c.Ectopic, c.Missed, c.Extra, c.Long, c.Short, c.OutOfRange];
    }

    /// <summary>The measures under their literature names, then units, artifacts and the reasons for nulls.</summary>
    public JsonObject ToJson()
    {
        var json = new JsonObject
        {
            ["file"] = File,
            ["inputBeats"] = InputBeats,
            ["analysedBeats"] = Report.BeatCount,
            ["durationS"] = Output.Json(Report.DurationS),
        };
        var units = new JsonObject();
        foreach (var m in Report.ToMeasures())
        {
            json[m.Name] = Output.Json(m.Value);
            units[m.Name] = m.Unit;
        }
        json["units"] = units;
        json["conventions"] = new JsonObject
        {
            ["preset"] = Conventions.Preset,
            ["spectrum"] = Conventions.Spectrum,
            ["spectrumUsed"] = Report.FrequencyDomain?.MethodUsed.ToString(),
            ["dfaScales"] = Conventions.DfaScales,
            ["correction"] = Conventions.Correction,
        };
        var artifacts = new JsonObject { ["corrected"] = Correction is not null, ["method"] = Conventions.Correction };
        var counts = Counts();
        for (var i = 0; i < CountNames.Length; i++)
        {
            artifacts[CountNames[i]] = counts[i];
        }
        artifacts["Total"] = counts.Sum();
        artifacts["passes"] = Correction?.Passes ?? 0;
        artifacts["outOfRangeInFile"] = OutOfRangeInFile;
        json["artifacts"] = artifacts;
        var reasons = new JsonObject();
        foreach (var n in Report.NotComputable)
        {
            reasons[n.Measure] = n.Reason;
        }
        json["NotComputable"] = reasons;
        json["irregularRhythm"] = RhythmJson(Report.IrregularRhythm);
        return json;
    }

    private static JsonObject? RhythmJson(IrregularRhythmResult? rhythm)
    {
        if (rhythm is null)
        {
            return null;
        }
        var stretches = new JsonArray();
        foreach (var s in rhythm.Stretches)
        {
            stretches.Add(new JsonObject { ["startS"] = Output.Json(s.StartS), ["endS"] = Output.Json(s.EndS) });
        }
        return new JsonObject
        {
            ["flagged"] = rhythm.Flagged,
            ["irregularFraction"] = Output.Json(rhythm.IrregularFraction),
            ["irregularDurationS"] = Output.Json(rhythm.IrregularDurationS),
            ["assessedDurationS"] = Output.Json(rhythm.AssessedDurationS),
            ["assessedWindows"] = rhythm.AssessedWindows,
            ["irregularWindows"] = rhythm.IrregularWindows,
            ["stretches"] = stretches,
            ["method"] = RhythmMethod,
            ["reading"] = rhythm.Reading,
        };
    }

    private const string RhythmMethod =
        "COSEn of 12-beat segments (Lake & Moorman 2011) above -1.4; a 5-minute window is irregular when most of its segments are; flagged from 10 % of the judged time. A screening aid, not a diagnosis.";

    /// <summary>One header row and one value row: the measures, then the artifact counts.</summary>
    public (List<string> Header, List<string> Values) ToCsv()
    {
        var header = new List<string> { "file", "inputBeats", "analysedBeats", "durationS" };
        var values = new List<string>
        {
            Output.CsvText(File),
            InputBeats.ToString(CultureInfo.InvariantCulture),
            Report.BeatCount.ToString(CultureInfo.InvariantCulture),
            Output.Csv(Report.DurationS),
        };
        foreach (var m in Report.ToMeasures())
        {
            header.Add(m.Name);
            values.Add(Output.Csv(m.Value));
        }
        var counts = Counts();
        for (var i = 0; i < CountNames.Length; i++)
        {
            header.Add("artifacts" + CountNames[i]);
            values.Add(counts[i].ToString(CultureInfo.InvariantCulture));
        }
        header.Add("artifactsTotal");
        values.Add(counts.Sum().ToString(CultureInfo.InvariantCulture));
        var rhythm = Report.IrregularRhythm;
        header.Add("irregularRhythmFlagged");
        values.Add(rhythm is null ? "" : rhythm.Flagged ? "true" : "false");
        header.Add("irregularRhythmFraction");
        values.Add(Output.Csv(rhythm?.IrregularFraction));
        header.Add("irregularRhythmDurationS");
        values.Add(Output.Csv(rhythm?.IrregularDurationS));
        return (header, values);
    }

    public void WriteTable(IAnsiConsole console)
    {
        console.MarkupLine(string.Create(CultureInfo.InvariantCulture,
            $"[bold]{Markup.Escape(Path.GetFileName(File))}[/]: {Report.BeatCount:N0} intervals over {Output.Clock(Report.DurationS)}"));
        var reasons = Report.NotComputable.GroupBy(n => n.Measure).ToDictionary(g => g.Key, g => g.First().Reason);
        var table = new Table().AddColumn("Measure").AddColumn(new TableColumn("Value").RightAligned()).AddColumn("Unit").AddColumn("Note");
        foreach (var m in Report.ToMeasures())
        {
            var note = m.Value is null && reasons.TryGetValue(m.Name, out var why) ? why : "";
            table.AddRow(Markup.Escape(m.Name), Output.Number(m.Value), Markup.Escape(m.Unit), Markup.Escape(note));
        }
        console.Write(table);
        if (Report.IrregularRhythm is { } rhythm)
        {
            if (rhythm.Reading is { } reading)
            {
                console.MarkupLine("[bold]Irregular rhythm.[/] " + Markup.Escape(reading));
            }
            else if (rhythm.Stretches.Count > 0)
            {
                console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"The heartbeat looked irregular for about {Math.Round(rhythm.IrregularDurationS / 60):0} minutes in {rhythm.Stretches.Count} stretch(es) (first at {Output.Clock(rhythm.Stretches[0].StartS)}); there, heart-rate variability does not show calm or stress. This is not a diagnosis."));
            }
        }
        var counts = Counts();
        if (Conventions.Preset != HrvSettings.Kubios)
        {
            console.WriteLine($"Conventions: {Conventions.Preset} preset (docs/numerics/hrv.md lists what it changes).");
        }
        if (Correction is null)
        {
            console.WriteLine("Artifact correction was switched off: the measures use the intervals as recorded.");
        }
        else if (counts.Sum() == 0)
        {
            console.WriteLine("No artifacts or ectopic beats needed correcting.");
        }
        else
        {
            var parts = CountNames.Select((name, i) => (name, n: counts[i])).Where(x => x.n > 0)
                .Select(x => string.Create(CultureInfo.InvariantCulture, $"{x.n:N0} {x.name}"));
            var method = Conventions.Correction == "iterative" ? "Lipponen & Tarvainen 2019, NeuroKit2's iterative variant" : "Lipponen & Tarvainen 2019";
            console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"Corrected {counts.Sum():N0} beats before analysis ({method}): {string.Join(", ", parts)}."));
        }
    }
}
