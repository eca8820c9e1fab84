// What accompanies the pacer and the steps, each off until the person turns it on: soft tones (Web Audio),
// spoken guidance (the browser's speech synthesis, with the voice and pace they choose), vibration, and
// keeping the screen awake while a practice runs (Wake Lock).
import type { PhaseName } from "./pacer";

export interface CueSettings {
  tones: boolean;
  vibrate: boolean;
  speak: boolean;
  voice: string;
  voicePace: number;
}

const storageKey = "attune.practice-cues.v1";
const defaults: CueSettings = { tones: false, vibrate: false, speak: false, voice: "", voicePace: 0.9 };

export function loadCueSettings(): CueSettings {
  try {
    const saved = JSON.parse(localStorage.getItem(storageKey) ?? "{}") as Partial<CueSettings>;
    return { ...defaults, ...saved };
  } catch {
    return { ...defaults };
  }
}

export function saveCueSettings(settings: CueSettings): void {
  try {
    localStorage.setItem(storageKey, JSON.stringify(settings));
  } catch {
    // Private browsing may refuse storage; the settings then last for this page.
  }
}

const toneFor: Record<PhaseName, number> = { in: 392, holdIn: 440, out: 294, holdOut: 330 };
const spokenFor: Record<PhaseName, string> = { in: "In", holdIn: "Hold", out: "Out", holdOut: "Rest" };

export class Cues {
  private audio: AudioContext | null = null;
  private wakeLock: WakeLockSentinel | null = null;
  private wantAwake = false;

  constructor(public settings: CueSettings) {
    document.addEventListener("visibilitychange", () => {
      // The browser drops the lock when the page is hidden; take it again on return.
      if (this.wantAwake && document.visibilityState === "visible") void this.keepAwake();
    });
  }

  phase(name: PhaseName): void {
    if (this.settings.tones) this.tone(toneFor[name]);
    if (this.settings.vibrate && "vibrate" in navigator) navigator.vibrate(name === "in" ? 60 : 30);
    if (this.settings.speak) this.say(spokenFor[name], true);
  }

  stepDone(): void {
    if (this.settings.tones) this.tone(523, 1.2);
    if (this.settings.vibrate && "vibrate" in navigator) navigator.vibrate([40, 80, 40]);
  }

  say(text: string, short = false): void {
    if (!this.settings.speak || !("speechSynthesis" in window)) return;
    if (!short) speechSynthesis.cancel();
    const utterance = new SpeechSynthesisUtterance(text);
    utterance.rate = this.settings.voicePace;
    const voice = speechSynthesis.getVoices().find((v) => v.voiceURI === this.settings.voice);
    if (voice) utterance.voice = voice;
    speechSynthesis.speak(utterance);
  }

  /** A gentle sine with a slow attack and release, quiet enough to sit under the breath. */
  private tone(frequency: number, seconds = 0.7): void {
    const Context = window.AudioContext;
    if (!Context) return;
    this.audio ??= new Context();
    const ctx = this.audio;
    if (ctx.state === "suspended") void ctx.resume();
    const osc = ctx.createOscillator();
    const gain = ctx.createGain();
    osc.type = "sine";
    osc.frequency.value = frequency;
    const t = ctx.currentTime;
    gain.gain.setValueAtTime(0, t);
    gain.gain.linearRampToValueAtTime(0.06, t + 0.12);
    gain.gain.exponentialRampToValueAtTime(0.0001, t + seconds);
    osc.connect(gain).connect(ctx.destination);
    osc.start(t);
    osc.stop(t + seconds + 0.05);
  }

  async keepAwake(): Promise<void> {
    this.wantAwake = true;
    if (!("wakeLock" in navigator) || this.wakeLock) return;
    try {
      this.wakeLock = await navigator.wakeLock.request("screen");
      this.wakeLock.addEventListener("release", () => (this.wakeLock = null));
    } catch {
      // Not allowed here (battery saver, no user gesture): the practice works anyway.
    }
  }

  letSleep(): void {
    this.wantAwake = false;
    void this.wakeLock?.release();
    this.wakeLock = null;
    if ("speechSynthesis" in window) speechSynthesis.cancel();
  }
}

/** Fills a voice list; voices arrive late in some browsers. */
export function fillVoices(select: HTMLSelectElement, chosen: string): void {
  if (!("speechSynthesis" in window)) {
    select.closest(".field")?.setAttribute("hidden", "");
    return;
  }
  const fill = (): void => {
    const voices = speechSynthesis.getVoices();
    if (voices.length === 0) return;
    for (const option of [...select.options].slice(1)) option.remove();
    for (const v of voices) {
      const option = new Option(`${v.name} (${v.lang})`, v.voiceURI, false, v.voiceURI === chosen);
      select.add(option);
    }
  };
  fill();
  speechSynthesis.addEventListener("voiceschanged", fill);
}
