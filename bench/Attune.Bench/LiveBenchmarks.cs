using Attune.Analysis.Live;
using BenchmarkDotNet.Attributes;

namespace Attune.Bench;

/// <summary>The live engine's cost per beat: heart rate, RMSSD and coherence over the last minute, on LTDB record
/// 14046 fed beat by beat into a warmed-up engine (ten minutes of beats already in it).</summary>
[MemoryDiagnoser]
[MinColumn]
public class LiveBenchmarks
{
    private const int BeatsPerInvoke = 1000;
    private double[] _rr = [];
    private LiveHeart _live = new();
    private int _next;

    [GlobalSetup]
    public void Setup()
    {
        _rr = HrvBenchmarks.LoadReferenceRr("rr/ltdb_14046_24h.rr.csv");
        _live = new LiveHeart();
        for (_next = 0; _next < 700; _next++)
        {
            _live.Add(_rr[_next]);
        }
    }

    /// <summary>One operation = one beat.</summary>
    [Benchmark(OperationsPerInvoke = BeatsPerInvoke)]
    public double AddBeat()
    {
        double sum = 0;
        for (var i = 0; i < BeatsPerInvoke; i++)
        {
            if (_next >= _rr.Length)
            {
                _next = 0;
            }
            var r = _live.Add(_rr[_next++]);
            sum += r.HeartRateBpm + (r.Coherence?.PowerRatio ?? 0);
        }
        return sum;
    }
}
