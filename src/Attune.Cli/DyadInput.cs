using System.Globalization;
using System.Text.Json.Nodes;
using Attune.Analysis;
using Attune.Analysis.Synchrony;

namespace Attune.Cli;

/// <summary>Two people's heart rate on one time grid, with what was done to get there.</summary>
internal sealed record DyadInput(string FileA, string FileB, HeartFileKind KindA, HeartFileKind KindB, int CorrectionsA, int CorrectionsB, CommonGridSeries Grid, bool Corrected, long InputBytes)
{
    /// <summary>
    /// Reads both files (RR, heart rate or raw ECG, detected from the header) and resamples them onto a common
    /// grid. RR intervals (also those found in an ECG) are corrected for artifacts unless <paramref name="correct"/> is false.
    /// </summary>
    public static DyadInput Read(CliContext context, string fileA, string fileB, double rateHz, bool correct = true, double? ecgRateHz = null)
    {
        var size = Inputs.RequireFile(fileA) + Inputs.RequireFile(fileB);
        var (a, b) = ProgressDisplay.Run(context, size, progress =>
            (Inputs.ReadHeartSignal(fileA, progress, correct, ecgRateHz), Inputs.ReadHeartSignal(fileB, progress, correct, ecgRateHz)));
        if (a.Signal.Start.HasValue != b.Signal.Start.HasValue)
        {
            var withClock = a.Signal.Start.HasValue ? fileA : fileB;
            var without = a.Signal.Start.HasValue ? fileB : fileA;
            throw new CliException(ExitCodes.BadData,
                $"{withClock} has clock times (a timestamp column) but {without} does not, so the two recordings cannot be lined up. Please give both files timestamps, or both relative times (t_s).");
        }
        CommonGridSeries grid;
        try
        {
            grid = CommonGrid.Resample(a.Signal, b.Signal, rateHz);
        }
        catch (InsufficientDataException e) when (e.Reason == InsufficientDataReason.NoOverlap)
        {
            throw new CliException(ExitCodes.NotEnoughData,
                $"{fileA} and {fileB} do not overlap in time, so there is nothing to compare. Please check that both were recorded in the same session.");
        }
        catch (InsufficientDataException e) when (e.Reason == InsufficientDataReason.NotEnoughBeats)
        {
            throw new CliException(ExitCodes.NotEnoughData,
                $"{(a.Signal.Count == 0 ? fileA : fileB)} holds no heartbeats, so there is nothing to compare.");
        }
        return new DyadInput(fileA, fileB, a.Kind, b.Kind, a.Corrections, b.Corrections, grid, correct, size);
    }

    public JsonObject ToJson() => new()
    {
        ["fileA"] = FileA,
        ["fileB"] = FileB,
        ["inputA"] = Describe(KindA),
        ["inputB"] = Describe(KindB),
        ["artifactCorrection"] = Corrected ? "kubios" : "none",
        ["artifactsCorrectedA"] = CorrectionsA,
        ["artifactsCorrectedB"] = CorrectionsB,
        ["rateHz"] = Grid.RateHz,
        ["samples"] = Grid.Count,
        ["durationS"] = Output.Json(Grid.DurationS),
        ["alignedOnWallClock"] = Grid.AlignedOnWallClock,
        ["start"] = Grid.Start?.ToString("O", CultureInfo.InvariantCulture),
        ["missingSamplesA"] = Grid.MissingCountA,
        ["missingSamplesB"] = Grid.MissingCountB,
    };

    public string AlignmentNote => Grid.AlignedOnWallClock
        ? "Recordings were lined up on their clock times."
        : "Neither file has clock times, so both were taken to start at the same moment.";

    private static string Describe(HeartFileKind kind) => kind switch
    {
        HeartFileKind.HeartRate => "heart rate",
        HeartFileKind.Ecg => "ECG",
        _ => "RR intervals",
    };
}
