// The browser's live engine against what the C# engine (Attune.Analysis.Live.LiveHeart) says after every beat of
// tests/Shared/live-cases.json, written and checked by LiveFixtureTests.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { LiveHeart } from "../src/live/live-heart";

type Row = [number, number, number | null, number | null, number | null, number | null, number | null];
const fixture = JSON.parse(readFileSync(join(import.meta.dirname, "../../../../tests/Shared/live-cases.json"), "utf8")) as {
  cases: { name: string; rrMs: number[]; expected: Row[] }[];
};

function close(actual: number, expected: number, what: string): void {
  const tolerance = 1e-9 * Math.max(1, Math.abs(expected));
  assert.ok(Math.abs(actual - expected) <= tolerance, `${what}: ${actual} vs ${expected}`);
}

for (const c of fixture.cases) {
  test(`same numbers as the engine after every beat: ${c.name}`, () => {
    const live = new LiveHeart();
    let coherent = 0;
    c.rrMs.forEach((rr, i) => {
      const r = live.add(rr);
      const [beats, hr, rmssd, peakHz, peakPower, totalPower, ratio] = c.expected[i]!;
      const at = `beat ${i}`;
      assert.equal(r.beats, beats, at);
      close(r.heartRateBpm, hr, `${at} heart rate`);
      if (rmssd === null) assert.ok(Number.isNaN(r.rmssdMs), at);
      else close(r.rmssdMs, rmssd, `${at} RMSSD`);
      if (peakHz === null) {
        assert.equal(r.coherence, null, at);
        return;
      }
      assert.ok(r.coherence, at);
      close(r.coherence.peakFrequencyHz, peakHz, `${at} peak`);
      close(r.coherence.peakPowerMs2, peakPower!, `${at} peak power`);
      close(r.coherence.totalPowerMs2, totalPower!, `${at} total power`);
      if (ratio === null) assert.equal(r.coherence.powerRatio, Number.POSITIVE_INFINITY);
      else close(r.coherence.powerRatio, ratio, `${at} power ratio`);
      coherent++;
    });
    assert.ok(coherent > 300, "coherence must be exercised");
  });
}

test("a bad interval is refused and changes nothing", () => {
  const live = new LiveHeart();
  assert.throws(() => live.add(0), RangeError);
  assert.throws(() => live.add(Number.NaN), RangeError);
  assert.equal(live.beatCount, 0);
});
