// The engine's live numbers in the browser, beat by beat with no round trip: a port of
// src/Attune.Analysis/Live/LiveHeart.cs and SlidingSpectrum.cs (heart rate and RMSSD over the last minute, the
// coherence ratio of McCraty et al. 2009 as CoherenceRatio defines it, over the 64-s tachogram window). It is tested
// against what the C# engine says after every beat of tests/Shared/live-cases.json (client/test/live-heart.test.ts).
// Method and proofs: docs/numerics/live.md.

export interface Coherence {
  timeS: number;
  peakFrequencyHz: number;
  peakPowerMs2: number;
  totalPowerMs2: number;
  /** Peak / (total − peak); +Infinity when the rest is not positive. */
  powerRatio: number;
  coherenceRatio: number;
}

export interface LiveReading {
  beats: number;
  heartRateBpm: number;
  /** NaN below three beats. */
  rmssdMs: number;
  coherence: Coherence | null;
}

const WINDOW_S = 60;
const SETTLE_BEATS = 5;
const SPLINE_KNOTS = 12;
const FS = 4;
const FFT = 1024;
const SPECTRUM_WINDOW = 256;
const PEAK_BAND = [0.04, 0.26] as const;
const PEAK_HALF_WIDTH = 0.015;
const TOTAL_BAND = [0.0033, 0.4] as const;

/** Fixed-capacity ring that drops its oldest item when full. */
class Ring {
  private items: Float64Array;
  private head = 0;
  count = 0;
  constructor(capacity: number, private readonly grows: boolean) {
    this.items = new Float64Array(capacity);
  }
  at(i: number): number {
    return this.items[(this.head + i) % this.items.length]!;
  }
  push(value: number): void {
    if (this.count === this.items.length) {
      if (!this.grows) {
        this.items[this.head] = value;
        this.head = (this.head + 1) % this.items.length;
        return;
      }
      const grown = new Float64Array(this.items.length * 2);
      for (let i = 0; i < this.count; i++) grown[i] = this.at(i);
      this.items = grown;
      this.head = 0;
    }
    this.items[(this.head + this.count) % this.items.length] = value;
    this.count++;
  }
  popFront(): number {
    const v = this.items[this.head]!;
    this.head = (this.head + 1) % this.items.length;
    this.count--;
    return v;
  }
}

/** Trapezoid power over [low, high] with the density interpolated at the edges (PowerSpectrum.BandPower). */
function bandPower(f: Float64Array, p: Float64Array, lowHz: number, highHz: number): number {
  if (f.length < 2) return 0;
  const lo = Math.max(lowHz, f[0]!);
  const hi = Math.min(highHz, f[f.length - 1]!);
  if (hi <= lo) return 0;
  let sum = 0;
  for (let i = 0; i < f.length - 1; i++) {
    const a = Math.max(f[i]!, lo);
    const b = Math.min(f[i + 1]!, hi);
    if (b <= a) continue;
    const slope = (p[i + 1]! - p[i]!) / (f[i + 1]! - f[i]!);
    const pa = p[i]! + slope * (a - f[i]!);
    const pb = p[i]! + slope * (b - f[i]!);
    sum += 0.5 * (pa + pb) * (b - a);
  }
  return sum;
}

/** The sliding DFT of the bins the coherence reads, with the least-squares line removed analytically. */
class SlidingSpectrum {
  private readonly bins = Math.min(FFT / 2, Math.ceil(TOTAL_BAND[1] / (FS / FFT))) + 1;
  private readonly cos = new Float64Array(FFT);
  private readonly sin = new Float64Array(FFT);
  private readonly cRe: Float64Array;
  private readonly cIm: Float64Array;
  private readonly dRe: Float64Array;
  private readonly dIm: Float64Array;
  private readonly aRe: Float64Array;
  private readonly aIm: Float64Array;
  private readonly samples = new Float64Array(SPECTRUM_WINDOW);
  private readonly frequencies: Float64Array;
  private readonly density: Float64Array;
  private readonly sxx = (SPECTRUM_WINDOW * (SPECTRUM_WINDOW * SPECTRUM_WINDOW - 1)) / 12;
  private sum = 0;
  private sumIndexed = 0;
  private reference = Number.NaN;
  private count = 0;
  private current: Coherence | null = null;
  private lastTimeS = 0;

  constructor() {
    for (let j = 0; j < FFT; j++) {
      this.cos[j] = Math.cos((2 * Math.PI * j) / FFT);
      this.sin[j] = Math.sin((2 * Math.PI * j) / FFT);
    }
    const b = this.bins;
    this.cRe = new Float64Array(b);
    this.cIm = new Float64Array(b);
    this.dRe = new Float64Array(b);
    this.dIm = new Float64Array(b);
    this.aRe = new Float64Array(b);
    this.aIm = new Float64Array(b);
    this.frequencies = new Float64Array(b);
    this.density = new Float64Array(b);
    const centre = (SPECTRUM_WINDOW - 1) / 2;
    for (let k = 0; k < b; k++) {
      this.frequencies[k] = (k * FS) / FFT;
      for (let j = 0; j < SPECTRUM_WINDOW; j++) {
        const idx = (k * j) % FFT;
        this.cRe[k]! += this.cos[idx]!;
        this.cIm[k]! -= this.sin[idx]!;
        this.dRe[k]! += (j - centre) * this.cos[idx]!;
        this.dIm[k]! -= (j - centre) * this.sin[idx]!;
      }
    }
  }

  get ready(): boolean {
    return this.count >= SPECTRUM_WINDOW;
  }

  get coherence(): Coherence | null {
    if (this.current === null && this.ready) this.current = this.evaluate(this.lastTimeS);
    return this.current;
  }

  push(value: number, timeS: number): void {
    this.current = null;
    this.lastTimeS = timeS;
    if (Number.isNaN(this.reference)) this.reference = value;
    const x = value - this.reference;
    const m = this.count;
    const slot = m % SPECTRUM_WINDOW;
    if (m >= SPECTRUM_WINDOW) this.replace(this.samples[slot]!, m - SPECTRUM_WINDOW, x, m);
    else this.replace(0, 0, x, m);
    this.samples[slot] = x;
    this.count++;
    if (this.count % FFT === 0) this.resync();
  }

  private replace(old: number, oldM: number, x: number, m: number): void {
    this.sum += x - old;
    this.sumIndexed += m * x - oldM * old;
    const step = m % FFT;
    const oldStep = oldM % FFT;
    let idx = 0;
    let oldIdx = 0;
    for (let k = 0; k < this.bins; k++) {
      this.aRe[k]! += x * this.cos[idx]! - old * this.cos[oldIdx]!;
      this.aIm[k]! -= x * this.sin[idx]! - old * this.sin[oldIdx]!;
      idx += step;
      if (idx >= FFT) idx -= FFT;
      oldIdx += oldStep;
      if (oldIdx >= FFT) oldIdx -= FFT;
    }
  }

  private resync(): void {
    this.aRe.fill(0);
    this.aIm.fill(0);
    this.sum = 0;
    this.sumIndexed = 0;
    for (let m = Math.max(0, this.count - SPECTRUM_WINDOW); m < this.count; m++) this.replace(0, 0, this.samples[m % SPECTRUM_WINDOW]!, m);
  }

  private evaluate(timeS: number): Coherence {
    const start = this.count - SPECTRUM_WINDOW;
    const centre = (SPECTRUM_WINDOW - 1) / 2;
    const mean = this.sum / SPECTRUM_WINDOW;
    const slope = (this.sumIndexed - (start + centre) * this.sum) / this.sxx;
    const scale = 1 / (FS * SPECTRUM_WINDOW);
    const shift = start % FFT;
    let idx = 0;
    for (let k = 0; k < this.bins; k++) {
      const c = this.cos[idx]!;
      const s = this.sin[idx]!;
      let re = c * this.aRe[k]! - s * this.aIm[k]!;
      let im = c * this.aIm[k]! + s * this.aRe[k]!;
      re -= mean * this.cRe[k]! + slope * this.dRe[k]!;
      im -= mean * this.cIm[k]! + slope * this.dIm[k]!;
      const oneSided = k === 0 || k === FFT / 2 ? 1 : 2;
      this.density[k] = oneSided * scale * (re * re + im * im);
      idx += shift;
      if (idx >= FFT) idx -= FFT;
    }
    // CoherenceRatio.FromSpectrum
    let peak = Number.NaN;
    let best = Number.NEGATIVE_INFINITY;
    for (let k = 0; k < this.bins; k++) {
      const f = this.frequencies[k]!;
      if (f >= PEAK_BAND[0] && f <= PEAK_BAND[1] && this.density[k]! > best) {
        best = this.density[k]!;
        peak = f;
      }
    }
    const peakPower = bandPower(this.frequencies, this.density, peak - PEAK_HALF_WIDTH, peak + PEAK_HALF_WIDTH);
    const total = bandPower(this.frequencies, this.density, TOTAL_BAND[0], TOTAL_BAND[1]);
    const rest = total - peakPower;
    const ratio = rest > 0 ? peakPower / rest : Number.POSITIVE_INFINITY;
    return { timeS, peakFrequencyHz: peak, peakPowerMs2: peakPower, totalPowerMs2: total, powerRatio: ratio, coherenceRatio: ratio * ratio };
  }
}

/** Heart rate, RMSSD and coherence over the last minute, updated in constant time per beat. */
export class LiveHeart {
  private readonly rr = new Ring(64, true);
  private readonly t = new Ring(64, true);
  private sumHr = 0;
  private sumD2 = 0;
  private sinceResync = 0;
  private readonly knotT = new Ring(SPLINE_KNOTS + SETTLE_BEATS + 1, false);
  private readonly knotRr = new Ring(SPLINE_KNOTS + SETTLE_BEATS + 1, false);
  private readonly m = new Float64Array(SPLINE_KNOTS + SETTLE_BEATS + 1);
  private readonly c = new Float64Array(SPLINE_KNOTS + SETTLE_BEATS + 1);
  private readonly d = new Float64Array(SPLINE_KNOTS + SETTLE_BEATS + 1);
  private readonly spectrum = new SlidingSpectrum();
  private elapsedMs = 0;
  private t0 = 0;
  private nextSample = 0;
  beatCount = 0;

  /** Adds one RR interval in ms; throws on a value that is not a positive finite number. */
  add(rrMs: number): LiveReading {
    if (!Number.isFinite(rrMs) || rrMs <= 0) throw new RangeError("An RR interval must be a positive number of milliseconds.");
    this.elapsedMs += rrMs;
    const t = this.elapsedMs / 1000;
    if (this.beatCount === 0) this.t0 = t;
    this.beatCount++;
    if (this.rr.count > 0) {
      const d = rrMs - this.rr.at(this.rr.count - 1);
      this.sumD2 += d * d;
    }
    this.rr.push(rrMs);
    this.t.push(t);
    this.sumHr += 60000 / rrMs;
    while (this.t.count > 1 && this.t.at(0) <= t - WINDOW_S) {
      const gone = this.rr.popFront();
      this.t.popFront();
      this.sumHr -= 60000 / gone;
      const d = this.rr.at(0) - gone;
      this.sumD2 -= d * d;
    }
    if (++this.sinceResync >= 4096) this.resyncSums();
    const n = this.rr.count;
    const rmssd = n >= 3 ? Math.sqrt(Math.max(0, this.sumD2) / (n - 1)) : Number.NaN;
    this.knotT.push(t);
    this.knotRr.push(rrMs);
    this.settleSamples();
    return { beats: n, heartRateBpm: this.sumHr / n, rmssdMs: rmssd, coherence: this.spectrum.ready ? this.spectrum.coherence : null };
  }

  private resyncSums(): void {
    this.sinceResync = 0;
    let hr = 0;
    let d2 = 0;
    for (let i = 0; i < this.rr.count; i++) {
      hr += 60000 / this.rr.at(i);
      if (i > 0) {
        const d = this.rr.at(i) - this.rr.at(i - 1);
        d2 += d * d;
      }
    }
    this.sumHr = hr;
    this.sumD2 = d2;
  }

  private settleSamples(): void {
    const knots = this.knotT.count;
    const settleIndex = knots - 1 - SETTLE_BEATS;
    if (settleIndex < 0 || knots < 2) return;
    const first = this.nextSample;
    const last = Math.floor((this.knotT.at(settleIndex) - this.t0) * FS);
    if (last < first) return;
    this.solveSpline(knots);
    let k = 0;
    for (let s = first; s <= last; s++) {
      const x = this.t0 + s / FS;
      let y: number;
      if (x <= this.knotT.at(0)) y = this.knotRr.at(0);
      else {
        while (this.knotT.at(k + 1) < x) k++;
        const h = this.knotT.at(k + 1) - this.knotT.at(k);
        const a = (this.knotT.at(k + 1) - x) / h;
        const b = 1 - a;
        y = a * this.knotRr.at(k) + b * this.knotRr.at(k + 1) + ((a * a * a - a) * this.m[k]! + (b * b * b - b) * this.m[k + 1]!) * (h * h) / 6;
      }
      this.spectrum.push(y, this.t0 + s / FS);
    }
    this.nextSample = last + 1;
  }

  private solveSpline(n: number): void {
    const x = this.knotT;
    const y = this.knotRr;
    this.m[0] = 0;
    this.m[n - 1] = 0;
    if (n <= 2) return;
    this.c[0] = 0;
    this.d[0] = 0;
    for (let i = 1; i < n - 1; i++) {
      const hPrev = x.at(i) - x.at(i - 1);
      const h = x.at(i + 1) - x.at(i);
      const diag = 2 * (hPrev + h);
      const rhs = 6 * ((y.at(i + 1) - y.at(i)) / h - (y.at(i) - y.at(i - 1)) / hPrev);
      const sub = i > 1 ? hPrev : 0;
      const denom = diag - sub * this.c[i - 1]!;
      this.c[i] = h / denom;
      this.d[i] = (rhs - sub * this.d[i - 1]!) / denom;
    }
    this.m[n - 2] = this.d[n - 2]!;
    for (let i = n - 3; i >= 1; i--) this.m[i] = this.d[i]! - this.c[i]! * this.m[i + 1]!;
  }
}
