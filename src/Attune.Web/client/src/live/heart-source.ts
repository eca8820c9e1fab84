// A source of heartbeats for live views: a Bluetooth strap (strap.ts) or the simulated strap below, for tests and
// demos. Every live feature (biofeedback during a practice, breathing together) takes a HeartSource, so a page never
// knows which one it has.

export type Contact = "detected" | "not-detected" | "not-supported";

/** One notification's worth of heart data. */
export interface Beat {
  /** When it arrived, in performance.now() milliseconds. */
  at: number;
  /** Heart rate in beats per minute as the source reports it. */
  heartRate: number;
  /** RR intervals in milliseconds, oldest first; may be empty (some straps send none). */
  rrMs: number[];
  contact: Contact;
}

export interface HeartSource {
  readonly kind: "bluetooth" | "simulated";
  /** What to show the person, e.g. "Polar H10 1A2B3C" or "Simulated strap". */
  readonly name: string;
  /** Starts delivering beats; resolves once the first connection is made. onEnd is called once when the source
   * stops for a reason other than stop() (the strap disconnected, out of range). */
  start(onBeat: (beat: Beat) => void, onEnd?: (reason: string) => void): Promise<void>;
  stop(): void;
  /** Tells the source the breathing rate the person is being paced at (breaths a minute). A real strap ignores it;
   * the simulated heart starts following it, swinging most near its resonance rate. */
  pace?(breathsPerMinute: number): void;
}

export interface SimulatedStrapOptions {
  /** Mean heart rate in bpm (default 66). */
  baseHeartRate?: number;
  /** Breaths per minute the simulated heart follows (respiratory sinus arrhythmia; default 6). */
  breathsPerMinute?: number;
  /** Peak-to-trough swing of the heart rate with each breath, bpm (default 10). */
  swing?: number;
  /** Seed for the small beat-to-beat noise, so two runs with one seed give the same beats (default 1). */
  seed?: number;
  /** Name shown to the person. */
  name?: string;
  /** A resonance rate (breaths a minute): when set, the swing is largest when the paced rate is this and shrinks the
   * farther the pace is from it (as respiratory sinus arrhythmia does near a person's resonance frequency). */
  resonanceRate?: number;
  /** Simulated seconds per real second (default 1): tests run a minute of heart in a few seconds. */
  speed?: number;
  /** Drops the connection after this many beats, once, as a strap out of range would (tests of reconnecting). */
  dropAfterBeats?: number;
}

/** The swing at a paced rate: full at the resonance rate, a quarter of it about 1.5 breaths a minute away. */
export function simulatedSwing(swing: number, pacedRate: number, resonanceRate: number | undefined): number {
  if (resonanceRate === undefined) return swing;
  const distance = pacedRate - resonanceRate;
  return swing * (0.2 + 0.8 * Math.exp(-(distance * distance) / (2 * 0.5 * 0.5)));
}

/** A deterministic pseudo-random generator (mulberry32), enough for noise in a demo heart. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A heart that beats in real time with a breathing rhythm in it: each beat's RR follows a sine at the breathing rate
 * around the base heart rate, plus a little noise. */
export function simulatedStrap(options: SimulatedStrapOptions = {}): HeartSource {
  const base = options.baseHeartRate ?? 66;
  let bpm = options.breathsPerMinute ?? 6;
  const swing = options.swing ?? 10;
  const speed = options.speed && options.speed > 0 ? options.speed : 1;
  let phase = 0;
  const next = random(options.seed ?? 1);
  let timer: ReturnType<typeof setTimeout> | undefined;
  let beats = 0;
  let dropped = false;
  return {
    kind: "simulated",
    name: options.name ?? "Simulated strap",
    start(onBeat, onEnd) {
      const beat = () => {
        if (!dropped && options.dropAfterBeats !== undefined && beats >= options.dropAfterBeats) {
          dropped = true;
          timer = undefined;
          onEnd?.("The strap disconnected. It may be out of range or its battery low.");
          return;
        }
        beats++;
        const amplitude = simulatedSwing(swing, bpm, options.resonanceRate) / 2;
        const hr = base + amplitude * Math.sin(phase) + (next() - 0.5) * 2;
        const rr = Math.round(60000 / hr);
        phase += (2 * Math.PI * bpm * rr) / 60000;
        timer = setTimeout(() => {
          onBeat({ at: performance.now(), heartRate: Math.round(hr), rrMs: [rr], contact: "detected" });
          beat();
        }, rr / speed);
      };
      beat();
      return Promise.resolve();
    },
    stop() {
      if (timer !== undefined) clearTimeout(timer);
      timer = undefined;
    },
    pace(breathsPerMinute: number) {
      if (breathsPerMinute > 0) bpm = breathsPerMinute;
    },
  };
}
