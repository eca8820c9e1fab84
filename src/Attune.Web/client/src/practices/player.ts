// The guided player (Features/Practices/Pages/Play.cshtml). The page is one form that works without this:
// a check before, every step listed, a check after. Here it becomes a sequence: the check, then one step at a
// time with its timer (and the pacer for breathing steps), then the check again, saved by the same form post.
import { Cues, fillVoices, loadCueSettings, saveCueSettings, type CueSettings } from "./cues";
import { atRate, cycleSeconds, Pacer, type BreathPattern } from "./pacer";

type Stage = "before" | "practice" | "after";

function numberOf(value: string | undefined): number | null {
  if (value === undefined || value === "") return null;
  const n = Number(value);
  return Number.isFinite(n) ? n : null;
}

/** Tells the live heart panel (live/panel.ts) the pace the person breathes at now. */
export function announcePace(pattern: BreathPattern): void {
  const seconds = cycleSeconds(pattern);
  if (seconds > 0) document.dispatchEvent(new CustomEvent("attune:pace", { detail: { breathsPerMinute: 60 / seconds } }));
}

function clock(seconds: number): string {
  const s = Math.max(0, Math.ceil(seconds));
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, "0")}`;
}

/** Keeps each intensity slider's number beside it up to date. */
export function enhanceIntensityOutputs(root: ParentNode): void {
  for (const output of root.querySelectorAll<HTMLOutputElement>(".state-check output[data-intensity-output]")) {
    const input = document.getElementById(output.htmlFor.value);
    if (input instanceof HTMLInputElement) input.addEventListener("input", () => (output.value = input.value));
  }
}

export function enhancePracticePlayer(root: ParentNode): void {
  const form = root.querySelector<HTMLFormElement>("form[data-player]");
  if (!form) return;
  enhanceIntensityOutputs(form);

  const stages = new Map<Stage, HTMLElement>();
  for (const section of form.querySelectorAll<HTMLElement>("[data-stage]")) stages.set(section.dataset["stage"] as Stage, section);
  const steps = [...form.querySelectorAll<HTMLElement>("[data-step]")];
  const startedAt = form.querySelector<HTMLInputElement>("[data-started-at]");
  const endedAt = form.querySelector<HTMLInputElement>("[data-ended-at]");
  const back = form.querySelector<HTMLButtonElement>("[data-back]");
  const pause = form.querySelector<HTMLButtonElement>("[data-pause]");
  const next = form.querySelector<HTMLButtonElement>("[data-next]");

  const settings = loadCueSettings();
  const cues = new Cues(settings);
  const written = readPattern(form);
  let rate = numberOf(form.dataset["rate"]);
  let pattern = written;
  const pacerRoot = form.querySelector<HTMLElement>("[data-pacer]");
  const pacer = pacerRoot && pattern ? new Pacer(pacerRoot, atRate(pattern, rate)) : null;
  if (pacer) pacer.onPhase = (phase) => cues.phase(phase.name);
  bindSettings(form, settings, (changed) => {
    cues.settings = changed;
    saveCueSettings(changed);
  });
  bindPacerSettings(form, (newRate, newPattern) => {
    rate = newRate;
    pattern = newPattern ?? pattern;
    if (pacer && pattern) {
      pacer.setPattern(atRate(pattern, rate));
      announcePace(atRate(pattern, rate));
    }
  });

  form.classList.add("is-guided");
  let current = 0;
  let stepEndsAt = 0;
  let remainingWhenPaused: number | null = null;
  let timer = 0;

  const show = (next: Stage): void => {
    for (const [name, section] of stages) section.classList.toggle("is-current", name === next);
    const heading = stages.get(next)?.querySelector<HTMLElement>("h2");
    if (heading) {
      heading.tabIndex = -1;
      heading.focus({ preventScroll: false });
    }
  };

  const stepSeconds = (step: HTMLElement): number | null => numberOf(step.dataset["seconds"]);

  const showStep = (index: number): void => {
    current = index;
    window.clearInterval(timer);
    remainingWhenPaused = null;
    steps.forEach((s, i) => s.classList.toggle("is-current", i === index));
    const step = steps[index]!;
    const breathe = step.dataset["breathe"] === "true";
    if (pacer) {
      pacerRoot!.hidden = !breathe;
      if (breathe) {
        pacer.start();
        if (pattern) announcePace(atRate(pattern, rate));
      }
      else pacer.stop();
    }
    if (next) next.textContent = index === steps.length - 1 ? "Finish" : "Next step";
    cues.say(step.querySelector(".player-step__text")?.textContent ?? "");
    const seconds = stepSeconds(step);
    if (seconds) {
      stepEndsAt = performance.now() + seconds * 1000;
      timer = window.setInterval(tickStep, 250);
      tickStep();
    }
  };

  const tickStep = (): void => {
    const step = steps[current];
    const display = step?.querySelector<HTMLElement>("[data-step-timer]");
    const left = (stepEndsAt - performance.now()) / 1000;
    if (display) display.textContent = `${clock(left)} left`;
    if (left <= 0) {
      window.clearInterval(timer);
      cues.stepDone();
      advance();
    }
  };

  const advance = (): void => {
    if (current < steps.length - 1) showStep(current + 1);
    else finish();
  };

  const finish = (): void => {
    window.clearInterval(timer);
    pacer?.stop("Well done");
    if (endedAt) endedAt.value = new Date().toISOString();
    cues.letSleep();
    cues.say("Well done. When you are ready, notice how you feel now.");
    show("after");
  };

  const beginButton = stages.get("before")?.querySelector<HTMLButtonElement>("[data-begin]");
  const begin = (): void => {
    const before = stages.get("before")!;
    if (!before.querySelector<HTMLInputElement>("input[type=radio]:checked")) {
      const first = before.querySelector<HTMLInputElement>("input[type=radio]");
      first?.focus();
      before.querySelector(".state-check")?.classList.add("needs-answer");
      return;
    }
    if (startedAt) startedAt.value = new Date().toISOString();
    void cues.keepAwake();
    show("practice");
    showStep(0);
  };
  beginButton?.addEventListener("click", begin);
  next?.addEventListener("click", advance);
  back?.addEventListener("click", () => {
    if (current > 0) showStep(current - 1);
    else {
      window.clearInterval(timer);
      pacer?.stop();
      show("before");
    }
  });
  pause?.addEventListener("click", () => {
    const paused = pause.getAttribute("aria-pressed") === "true";
    pause.setAttribute("aria-pressed", String(!paused));
    pause.textContent = paused ? "Pause" : "Continue";
    if (paused) {
      if (remainingWhenPaused !== null) {
        stepEndsAt = performance.now() + remainingWhenPaused * 1000;
        timer = window.setInterval(tickStep, 250);
      }
      remainingWhenPaused = null;
      if (steps[current]?.dataset["breathe"] === "true") pacer?.start();
    } else {
      if (stepSeconds(steps[current]!)) {
        remainingWhenPaused = (stepEndsAt - performance.now()) / 1000;
        window.clearInterval(timer);
      }
      pacer?.pause();
    }
  });
  form.addEventListener("submit", () => {
    if (endedAt && !endedAt.value) endedAt.value = new Date().toISOString();
  });
  window.addEventListener("pagehide", () => cues.letSleep());
  if (form.dataset["autostart"] === "true" && mayStartUnasked(settings)) {
    // Opened by starting a break: the breathing starts at once, without another decision to make.
    begin();
    window.scrollTo(0, 0);
    return;
  }
  show("before");
  if (form.dataset["autostart"] === "true") {
    form.querySelector<HTMLElement>("[data-autostart-hint]")?.removeAttribute("hidden");
    beginButton?.focus();
  }
  // The page opens on the first check; the heading focus above would scroll past the practice's title.
  window.scrollTo(0, 0);
}

/**
 * Whether the player may start without a tap: browsers let a page that nobody has touched yet show motion but not play
 * sound or speak, so when the person chose tones or a voice, starting silently would be a half start. Then the
 * player waits for the start button instead.
 */
export function mayStartUnasked(settings: CueSettings, activation = navigator.userActivation): boolean {
  if (!settings.tones && !settings.speak) return true;
  return activation?.isActive ?? false;
}

function readPattern(el: HTMLElement): BreathPattern | null {
  const inhale = numberOf(el.dataset["inhale"]);
  const exhale = numberOf(el.dataset["exhale"]);
  if (!inhale || !exhale) return null;
  return { inhale, holdIn: numberOf(el.dataset["holdIn"]) ?? 0, exhale, holdOut: numberOf(el.dataset["holdOut"]) ?? 0 };
}

function bindSettings(form: HTMLElement, settings: CueSettings, changed: (s: CueSettings) => void): void {
  for (const key of ["tones", "vibrate", "speak"] as const) {
    const box = form.querySelector<HTMLInputElement>(`[data-setting="${key}"]`);
    if (!box) continue;
    if (key === "vibrate" && !("vibrate" in navigator)) box.closest(".field")?.setAttribute("hidden", "");
    if (key === "speak" && !("speechSynthesis" in window)) box.closest(".field")?.setAttribute("hidden", "");
    box.checked = settings[key];
    box.addEventListener("change", () => {
      settings[key] = box.checked;
      changed(settings);
    });
  }
  const voice = form.querySelector<HTMLSelectElement>('[data-setting="voice"]');
  if (voice) {
    fillVoices(voice, settings.voice);
    voice.addEventListener("change", () => {
      settings.voice = voice.value;
      changed(settings);
    });
  }
  const pace = form.querySelector<HTMLInputElement>('[data-setting="voicePace"]');
  const paceOut = form.querySelector<HTMLOutputElement>("[data-voice-pace-output]");
  if (pace) {
    pace.value = String(settings.voicePace);
    if (paceOut) paceOut.value = pace.value;
    pace.addEventListener("input", () => {
      settings.voicePace = Number(pace.value);
      if (paceOut) paceOut.value = pace.value;
      changed(settings);
    });
  }
}

function bindPacerSettings(form: HTMLElement, changed: (rate: number | null, pattern: BreathPattern | null) => void): void {
  const rate = form.querySelector<HTMLSelectElement>('[data-setting="rate"]');
  const phase = (name: string): HTMLInputElement | null => form.querySelector<HTMLInputElement>(`[data-setting="${name}"]`);
  const inputs = ["inhale", "holdIn", "exhale", "holdOut"].map(phase);
  const read = (): BreathPattern | null => {
    const [i, hi, e, ho] = inputs.map((input) => numberOf(input?.value));
    if (!i || !e || i < 1 || e < 1 || i > 20 || e > 20) return null;
    return { inhale: i, holdIn: Math.min(20, Math.max(0, hi ?? 0)), exhale: e, holdOut: Math.min(20, Math.max(0, ho ?? 0)) };
  };
  rate?.addEventListener("change", () => changed(numberOf(rate.value), read()));
  for (const input of inputs) input?.addEventListener("change", () => changed(numberOf(rate?.value), read()));
}
