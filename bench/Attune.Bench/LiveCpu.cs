using System.Diagnostics;
using Attune.Analysis.Live;

namespace Attune.Bench;

/// <summary>`-- live-cpu`: the live engine's cost per beat as this thread's CPU time as well as wall time, over the whole
/// 24-hour LTDB record 14046 fed beat by beat, five rounds. On a shared, loaded machine wall time includes waits for a
/// core; CPU time does not, so it is the closer figure to an idle machine's (docs/performance.md).</summary>
internal static class LiveCpu
{
    public static void Run()
    {
        var rr = HrvBenchmarks.LoadReferenceRr("rr/ltdb_14046_24h.rr.csv");
        for (var round = 0; round < 6; round++)
        {
            var live = new LiveHeart();
            var cpu0 = Process.GetCurrentProcess().TotalProcessorTime;
            var wall = Stopwatch.StartNew();
            double sink = 0;
            foreach (var v in rr)
            {
                var r = live.Add(v);
                sink += r.HeartRateBpm + (r.Coherence?.PowerRatio ?? 0);
            }
            wall.Stop();
            var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpu0;
            Console.WriteLine(
                $"round {round}{(round == 0 ? " (warm-up)" : "")}: {rr.Length} beats, wall {wall.Elapsed.TotalMicroseconds / rr.Length:F2} µs/beat, CPU {cpu.TotalMicroseconds / rr.Length:F2} µs/beat, load {File.ReadAllText("/proc/loadavg").Split(' ')[0]} ({sink:E1})");
        }
    }
}
