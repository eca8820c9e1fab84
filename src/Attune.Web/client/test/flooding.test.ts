// The live flooding rule against the engine's defaults (FloodingOptions: 100 bpm, 10 s smoothing, 60 s minimum,
// 5 bpm margin held 30 s to end).
import assert from "node:assert/strict";
import { test } from "node:test";
import { FloodingWatch } from "../src/live/flooding";

/** Feeds beats at a steady rate from `from` to `to` seconds and returns the last answer. */
function feed(watch: FloodingWatch, from: number, to: number, bpm: number): boolean {
  let flooded = false;
  for (let t = from; t < to; t += 60 / bpm) flooded = watch.add(t, bpm);
  return flooded;
}

test("a resting heart is never flooded", () => {
  assert.equal(feed(new FloodingWatch(), 0, 600, 66), false);
});

test("over 100 for less than a minute is not flooding yet", () => {
  const watch = new FloodingWatch();
  feed(watch, 0, 30, 70);
  assert.equal(feed(watch, 30, 30 + 55, 115), false);
});

test("over 100 for a minute (after the smoothing catches up) is flooding", () => {
  const watch = new FloodingWatch();
  feed(watch, 0, 30, 70);
  assert.equal(feed(watch, 30, 30 + 75, 115), true);
});

test("it ends only after half a minute below 95, not at a short dip", () => {
  const watch = new FloodingWatch();
  feed(watch, 0, 80, 115);
  assert.equal(feed(watch, 80, 100, 90), true, "20 s below: still flooded");
  assert.equal(feed(watch, 100, 160, 80), false, "well over 30 s below: over");
});

test("100 exactly is not over the threshold", () => {
  assert.equal(feed(new FloodingWatch(), 0, 300, 100), false);
});
