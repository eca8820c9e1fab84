// The engine's flooding rule (Attune.Analysis FloodingDetector, default FloodingOptions) applied beat by beat:
// heart rate smoothed by a trailing 10-second mean; flooding once the smoothed rate has stayed above 100 bpm for a
// minute; over once it has stayed below 95 for half a minute. Used to suggest a break while a strap is on.

export const ThresholdBpm = 100;
const SmoothingS = 10;
const MinimumS = 60;
const EndMarginBpm = 5;
const EndHoldS = 30;

export class FloodingWatch {
  private readonly window: { t: number; bpm: number }[] = [];
  private sum = 0;
  private aboveSince: number | null = null;
  private belowSince: number | null = null;
  private flooding = false;

  /** Adds one beat (time in seconds since the start, instantaneous heart rate) and says whether the person is flooded now. */
  add(t: number, bpm: number): boolean {
    this.window.push({ t, bpm });
    this.sum += bpm;
    while (this.window.length > 0 && this.window[0]!.t <= t - SmoothingS) {
      this.sum -= this.window.shift()!.bpm;
    }
    const smoothed = this.sum / this.window.length;
    if (smoothed > ThresholdBpm) {
      this.aboveSince ??= t;
      this.belowSince = null;
      if (t - this.aboveSince >= MinimumS) this.flooding = true;
    } else {
      this.aboveSince = null;
      if (smoothed < ThresholdBpm - EndMarginBpm) {
        this.belowSince ??= t;
        if (t - this.belowSince >= EndHoldS) this.flooding = false;
      }
    }
    return this.flooding;
  }
}
