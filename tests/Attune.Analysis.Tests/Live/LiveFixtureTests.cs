using System.Text.Json.Nodes;
using Attune.Analysis.Live;
using Attune.TestSupport;

namespace Attune.Analysis.Tests.Live;

/// <summary>tests/Shared/live-cases.json holds RR series and what this engine says after every beat; the browser's port
/// (client/src/live/live-heart.ts) is tested against the same file (client/test/live-heart.test.ts). This test keeps the
/// file true to the engine; ATTUNE_UPDATE_FIXTURES=1 rewrites it.</summary>
public class LiveFixtureTests
{
    private static JsonObject Build()
    {
        var cases = new JsonArray();
        foreach (var (name, rr) in new[]
        {
            ("synthetic 6 breaths/min", LiveHeartTests.RandomRr(11, 420).Select(v => Math.Round(v)).ToArray()),
            ("LTDB 14046 slice", LiveHeartTests.ReferenceSlice("rr/ltdb_14046_24h.rr.csv", 30000, 420)),
        })
        {
            var live = new LiveHeart();
            var expected = new JsonArray();
            foreach (var r in rr)
            {
                var reading = live.Add(r);
                expected.Add(new JsonArray(
                    reading.Beats,
                    reading.HeartRateBpm,
                    double.IsNaN(reading.RmssdMs) ? null : reading.RmssdMs,
                    reading.Coherence?.PeakFrequencyHz,
                    reading.Coherence?.PeakPowerMs2,
                    reading.Coherence?.TotalPowerMs2,
                    reading.Coherence is { } c && double.IsFinite(c.PowerRatio) ? c.PowerRatio : null));
            }
            cases.Add(new JsonObject { ["name"] = name, ["rrMs"] = new JsonArray([.. rr.Select(v => (JsonNode)v)]), ["expected"] = expected });
        }
        return new JsonObject
        {
            ["about"] = "Per beat: [beats in the last minute, heart rate bpm, RMSSD ms, coherence peak Hz, peak power ms², total power ms², power ratio]; null where not yet computable. Written by LiveFixtureTests from Attune.Analysis.Live.LiveHeart.",
            ["cases"] = cases,
        };
    }

    [Fact]
    public void SharedLiveCases_MatchTheEngine()
    {
        var built = Build();
        var path = SharedFixtures.Path("live-cases.json");
        if (Environment.GetEnvironmentVariable("ATTUNE_UPDATE_FIXTURES") == "1")
        {
            File.WriteAllText(path, built.ToJsonString());
        }
        var stored = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
        var a = JsonNode.Parse(built.ToJsonString())!["cases"]!.AsArray();
        var b = stored["cases"]!.AsArray();
        Assert.Equal(a.Count, b.Count);
        var withCoherence = 0;
        for (var i = 0; i < a.Count; i++)
        {
            var ea = a[i]!["expected"]!.AsArray();
            var eb = b[i]!["expected"]!.AsArray();
            Assert.Equal(ea.Count, eb.Count);
            for (var j = 0; j < ea.Count; j++)
            {
                var ra = ea[j]!.AsArray();
                var rb = eb[j]!.AsArray();
                for (var k = 0; k < ra.Count; k++)
                {
                    if (ra[k] is null)
                    {
                        Assert.Null(rb[k]);
                        continue;
                    }
                    var x = ra[k]!.GetValue<double>();
                    var y = rb[k]!.GetValue<double>();
                    Assert.Equal(x, y, 1e-9 * Math.Max(1, Math.Abs(x)));
                }
                if (ra[6] is not null)
                {
                    withCoherence++;
                }
            }
        }
        Assert.True(withCoherence > 300, "the fixture must exercise coherence");
    }
}
