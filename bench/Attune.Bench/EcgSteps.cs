using System.Diagnostics;
using System.Globalization;
using Attune.Analysis.Artifacts;
using Attune.Analysis.Ecg;
using Attune.Analysis.Series;

namespace Attune.Bench;

/// <summary>
/// Stopwatch split of the 24-hour ECG pipeline (cleaning alone, cleaning + R-peaks, artifact
/// correction) on the reference ECG tiled to 21.6 M samples at 250 Hz, to see where time goes.
/// Run: dotnet run -c Release --project bench/Attune.Bench -- ecg-steps
/// </summary>
internal static class EcgSteps
{
    public static void Run()
    {
        var bench = new InputsBenchmarks();
        bench.SetupReferenceEcg();
        var ecg = bench.ReferenceEcg;
        Console.WriteLine($"load: {File.ReadAllText("/proc/loadavg").Trim()}   samples: {ecg.Samples.Length}");
        for (var round = 0; round < 3; round++)
        {
            var clean = Time(() => NeuroKitCleaning.Clean(ecg.Samples, ecg.SampleRateHz));
            RPeaks? peaks = null;
            var detect = Time(() => peaks = NeuroKitPeakDetector.Detect(ecg));
            var rr = peaks!.ToRrSeries();
            var artifacts = Time(() => LipponenTarvainen.Correct(rr));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"clean {clean:0} ms   clean+peaks {detect:0} ms   artifacts {artifacts:0} ms   beats {rr.Count}"));
        }
    }

    private static double Time(Action action)
    {
        GC.Collect();
        var watch = Stopwatch.StartNew();
        action();
        return watch.Elapsed.TotalMilliseconds;
    }
}
