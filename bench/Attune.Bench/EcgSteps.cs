using System.Diagnostics;
using System.Globalization;
using Attune.Analysis.Artifacts;
using Attune.Analysis.Ecg;

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
                $"wall (CPU) ms: clean {clean.Wall:0} ({clean.Cpu:0})   clean+peaks {detect.Wall:0} ({detect.Cpu:0})   artifacts {artifacts.Wall:0} ({artifacts.Cpu:0})   beats {rr.Count}"));
        }
    }

    /// <summary>Wall time, and CPU time of the process, which on a shared machine is less inflated
    /// by waiting for a core than wall time is.</summary>
    internal static (double Wall, double Cpu) Time(Action action)
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        action();
        watch.Stop();
        process.Refresh();
        return (watch.Elapsed.TotalMilliseconds, (process.TotalProcessorTime - cpu).TotalMilliseconds);
    }
}
