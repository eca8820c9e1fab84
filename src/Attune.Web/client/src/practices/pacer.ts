// The breathing pacer: a circle that grows on the in-breath and shrinks on the out-breath, drawn with a
// transform on every animation frame (no layout work), with the phase in words and a count. With reduced
// motion the circle stays still: the count and a slow colour change carry the rhythm instead.

export interface BreathPattern {
  inhale: number;
  holdIn: number;
  exhale: number;
  holdOut: number;
}

export type PhaseName = "in" | "holdIn" | "out" | "holdOut";

export interface Phase {
  name: PhaseName;
  label: string;
  seconds: number;
}

const labels: Record<PhaseName, string> = { in: "Breathe in", holdIn: "Hold", out: "Breathe out", holdOut: "Rest" };
const smallest = 0.55;

export function cycleSeconds(p: BreathPattern): number {
  return p.inhale + p.holdIn + p.exhale + p.holdOut;
}

/** The pattern stretched or shortened so one breath takes 60 / rate seconds; its proportions stay. */
export function atRate(p: BreathPattern, breathsPerMinute: number | null): BreathPattern {
  if (!breathsPerMinute || breathsPerMinute <= 0) return p;
  const factor = 60 / breathsPerMinute / cycleSeconds(p);
  return { inhale: p.inhale * factor, holdIn: p.holdIn * factor, exhale: p.exhale * factor, holdOut: p.holdOut * factor };
}

export function phasesOf(p: BreathPattern): Phase[] {
  const all: Phase[] = [
    { name: "in", label: labels.in, seconds: p.inhale },
    { name: "holdIn", label: labels.holdIn, seconds: p.holdIn },
    { name: "out", label: labels.out, seconds: p.exhale },
    { name: "holdOut", label: labels.holdOut, seconds: p.holdOut },
  ];
  return all.filter((phase) => phase.seconds > 0);
}

const ease = (x: number): number => (1 - Math.cos(Math.PI * x)) / 2;

function scaleAt(phase: PhaseName, progress: number): number {
  switch (phase) {
    case "in":
      return smallest + (1 - smallest) * ease(progress);
    case "holdIn":
      return 1;
    case "out":
      return 1 - (1 - smallest) * ease(progress);
    case "holdOut":
      return smallest;
  }
}

function formatRate(bpm: number): string {
  return (Math.round(bpm * 10) / 10).toString();
}

export class Pacer {
  private readonly circle: HTMLElement | null;
  private readonly phaseText: HTMLElement | null;
  private readonly count: HTMLElement | null;
  private readonly rateText: HTMLElement | null;
  private readonly still: boolean;
  private pattern: BreathPattern;
  private phases: Phase[];
  private frame = 0;
  private startedAt = 0;
  private elapsedWhenPaused = 0;
  private running = false;
  private lastPhase = -1;
  private lastCount = -1;

  /** Called when a new phase begins (for tones, speech and vibration). */
  onPhase: ((phase: Phase) => void) | null = null;

  constructor(
    readonly root: HTMLElement,
    pattern: BreathPattern,
  ) {
    this.circle = root.querySelector<HTMLElement>("[data-pacer-circle]");
    this.phaseText = root.querySelector<HTMLElement>("[data-pacer-phase]");
    this.count = root.querySelector<HTMLElement>("[data-pacer-count]");
    this.rateText = root.querySelector<HTMLElement>("[data-pacer-rate]");
    this.still = window.matchMedia("(prefers-reduced-motion: reduce)").matches;
    root.classList.toggle("pacer--still", this.still);
    this.pattern = pattern;
    this.phases = phasesOf(pattern);
    this.describe();
  }

  get isRunning(): boolean {
    return this.running;
  }

  setPattern(pattern: BreathPattern): void {
    const elapsed = this.elapsed();
    this.pattern = pattern;
    this.phases = phasesOf(pattern);
    this.lastPhase = -1;
    this.describe();
    if (this.running) this.startedAt = performance.now() - elapsed * 1000;
    else this.elapsedWhenPaused = 0;
  }

  start(): void {
    if (this.running) return;
    this.running = true;
    this.root.classList.add("is-running");
    this.startedAt = performance.now() - this.elapsedWhenPaused * 1000;
    this.frame = requestAnimationFrame(this.tick);
  }

  /** Runs from a point in the rhythm: `elapsedSeconds` since the first breath began (a pacer shared with someone,
   * timed by the server); may be negative or past many cycles, only the point within the breath matters. */
  startFrom(elapsedSeconds: number): void {
    const cycle = cycleSeconds(this.pattern);
    const within = ((elapsedSeconds % cycle) + cycle) % cycle;
    if (this.running) this.startedAt = performance.now() - within * 1000;
    else {
      this.elapsedWhenPaused = within;
      this.start();
    }
  }

  pause(): void {
    if (!this.running) return;
    this.elapsedWhenPaused = this.elapsed();
    this.running = false;
    this.root.classList.remove("is-running");
    cancelAnimationFrame(this.frame);
    if (this.phaseText) this.phaseText.textContent = "Paused";
  }

  stop(message = "Ready when you are"): void {
    this.pause();
    this.elapsedWhenPaused = 0;
    this.lastPhase = -1;
    this.lastCount = -1;
    this.root.removeAttribute("data-phase");
    if (this.circle) this.circle.style.transform = `scale(${smallest})`;
    if (this.count) this.count.textContent = "";
    if (this.phaseText) this.phaseText.textContent = message;
  }

  private elapsed(): number {
    return this.running ? (performance.now() - this.startedAt) / 1000 : this.elapsedWhenPaused;
  }

  private describe(): void {
    const p = this.pattern;
    const parts = [`in ${formatRate(p.inhale)} s`];
    if (p.holdIn > 0) parts.push(`hold ${formatRate(p.holdIn)} s`);
    parts.push(`out ${formatRate(p.exhale)} s`);
    if (p.holdOut > 0) parts.push(`rest ${formatRate(p.holdOut)} s`);
    if (this.rateText) this.rateText.textContent = `${formatRate(60 / cycleSeconds(p))} breaths a minute: ${parts.join(", ")}`;
  }

  private readonly tick = (now: number): void => {
    if (!this.running) return;
    const cycle = cycleSeconds(this.pattern);
    let t = ((now - this.startedAt) / 1000) % cycle;
    let index = 0;
    while (index < this.phases.length - 1 && t >= this.phases[index]!.seconds) {
      t -= this.phases[index]!.seconds;
      index++;
    }
    const phase = this.phases[index]!;
    const progress = Math.min(1, t / phase.seconds);
    if (index !== this.lastPhase) {
      this.lastPhase = index;
      this.root.dataset["phase"] = phase.name;
      if (this.phaseText) this.phaseText.textContent = phase.label;
      this.onPhase?.(phase);
    }
    const remaining = Math.max(1, Math.ceil(phase.seconds - t - 1e-6));
    if (remaining !== this.lastCount) {
      this.lastCount = remaining;
      if (this.count) this.count.textContent = String(remaining);
    }
    if (!this.still && this.circle) this.circle.style.transform = `scale(${scaleAt(phase.name, progress).toFixed(4)})`;
    this.frame = requestAnimationFrame(this.tick);
  };
}
